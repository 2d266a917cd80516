import Fluent
import Foundation
import KertaCore
import KertaPlatform
import SQLKit

/// The complaint figures of the command room's KPI strip: complaints today (the WITA day), waiting for
/// verification, and overdue — in total and per agency. An agency's officers count their agency's.
package struct ComplaintFigures: CommandFigures {
    package init() {}

    package func figures(now: Date, viewer: User?, on db: any Database) async throws -> [String: FigureValue] {
        let sql = db as! any SQLDatabase
        let scope = ComplaintLayerController.scope(viewer)
        let dayStart = CivilDate(now).startInstant()
        let today = try await sql.raw("SELECT COUNT(*) AS \"n\" FROM \"complaints\" WHERE \"submitted_at\" >= \(bind: dayStart)" + scope).first()
        let waiting = try await sql.raw("SELECT COUNT(*) AS \"n\" FROM \"complaints\" WHERE \"status\" IN ('submitted', 'referred')" + scope).first()
        let open = ComplaintStatus.allCases.filter(\.isOpen).map(\.rawValue)
        let overdue = try await sql.raw("""
            SELECT c."agency_code", a."name_id", COUNT(*) AS "n" FROM "complaints" c LEFT JOIN "agencies" a ON a."code" = c."agency_code"
            WHERE c."overdue_at" IS NOT NULL AND c."status" IN (\(binds: open))
            """ + scope + " GROUP BY c.\"agency_code\", a.\"name_id\"").all()
        var rows = try overdue.map { row in
            let code = try row.decode(column: "agency_code", as: String?.self) ?? "-"
            return FigureRow(agency: code, name: try row.decode(column: "name_id", as: String?.self) ?? code, count: try row.decode(column: "n", as: Int.self))
        }
        rows.sort { $0.count != $1.count ? $0.count > $1.count : $0.agency < $1.agency }
        return ["complaints_today": .count(try today?.decode(column: "n", as: Int.self) ?? 0),
                "waiting_verification": .count(try waiting?.decode(column: "n", as: Int.self) ?? 0),
                "overdue_total": .count(rows.map(\.count).reduce(0, +)),
                "overdue_by_agency": .rows(rows)]
    }
}
