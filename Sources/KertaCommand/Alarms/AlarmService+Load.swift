import Fluent
import Foundation
import KertaCore
import KertaPlatform
import SQLKit

extension AlarmService {
    /// The load of the last `window` seconds: every raising and repeat is an occurrence (read from the
    /// alarms' audit trail, which records each), the operators are the active operator accounts.
    package func load(window: TimeInterval = 86_400) async throws -> (load: AlarmLoad, titles: [String: LocalizedText], operators: Int) {
        let end = now(), start = end.addingTimeInterval(-window)
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT a."source", a."title_id", a."title_en", e."recorded_at_ms" FROM "audit_entries" e JOIN "alarms" a ON a."id" = e."subject_id"
            WHERE e."subject_type" = \(bind: Alarm.auditSubjectType) AND e."action" IN ('raised', 'repeated')
              AND e."recorded_at_ms" >= \(bind: Int64(start.timeIntervalSince1970 * 1000))
            """).all()
        var titles: [String: LocalizedText] = [:]
        let occurrences = try rows.map { row in
            let source = try row.decode(column: "source", as: String.self)
            titles[source] = LocalizedText(id: try row.decode(column: "title_id", as: String.self), en: try row.decode(column: "title_en", as: String.self))
            return AlarmLoad.Occurrence(source: source, at: Date(timeIntervalSince1970: Double(try row.decode(column: "recorded_at_ms", as: Int64.self)) / 1000))
        }
        let acknowledged = try await Alarm.query(on: db).filter(\.$acknowledgedAt >= start).all()
        let delays = acknowledged.compactMap { alarm in alarm.acknowledgedAt.map { max(0, $0.timeIntervalSince(alarm.raisedAt)) } }
        let operators = try await User.query(on: db).filter(\.$role == .operator).filter(\.$active == true).count()
        return (AlarmLoad(occurrences: occurrences, acknowledgements: delays, operators: operators, from: start, to: end), titles, max(operators, 1))
    }
}
