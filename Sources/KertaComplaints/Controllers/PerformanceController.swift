import Fluent
import Foundation
import KertaCore
import Vapor
import KertaPlatform

/// `GET /api/v1/agencies/performance?from=&to=`: how each agency handles its complaints, for everyone.
package struct PerformanceController: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        routes.get("agencies", "performance", use: performance)
    }

    @Sendable package func performance(req: Request) async throws -> PerformanceReport {
        var (from, to) = PerformanceService.currentMonth(now: req.now)
        var problems: [APIError.FieldProblem] = []
        for name in ["from", "to"] {
            guard let raw = req.queryText(name) else { continue }
            guard let date = WITATimestamp.date(from: raw) else {
                problems.append(.init(field: name, text: LocalizedText(id: "\(name) harus tanggal ISO 8601, mis. 2026-11-01",
                                                                       en: "\(name) must be an ISO 8601 date, e.g. 2026-11-01")))
                continue
            }
            if name == "from" { from = date } else { to = date }
        }
        if problems.isEmpty && to <= from {
            problems.append(.init(field: "to", text: LocalizedText(id: "to harus setelah from", en: "to must be after from")))
        }
        if !problems.isEmpty { throw APIError.invalid(problems) }
        let rows = try await req.application.kertaCaches.performance(from: from, to: to, on: req.db)
        return PerformanceReport(from: WITATimestamp.string(from: from), to: WITATimestamp.string(from: to),
                                 minimumClosedForRanking: AgencyPerformance.minimumClosedForRanking, agencies: rows)
    }
}
