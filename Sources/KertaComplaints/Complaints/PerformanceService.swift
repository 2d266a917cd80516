import Fluent
import Foundation
import KertaCore
import KertaPlatform

/// Gathers the complaints received in a period and scores each agency (see ``AgencyPerformance``).
/// Confidential complaints count too: the scoreboard shows numbers, never the complaints themselves.
package struct PerformanceService {
    package let db: any Database
    package let caches: KertaCaches

    package func report(from: Date, to: Date) async throws -> [AgencyPerformanceRow] {
        // Only what was dispatched counts against an agency: a report still with the verifiers is not theirs yet.
        // A month of a big city is tens of thousands of rows: they are read as plain values, not as models.
        nonisolated(unsafe) var samples: [Result<AgencyPerformance.Sample, any Error>] = []
        try await Complaint.query(on: db)
            .filter(\.$submittedAt >= from).filter(\.$submittedAt < to).filter(\.$agencyCode != nil).filter(\.$dispatchedAt != nil)
            .field(\.$agencyCode).field(\.$status).field(\.$dispatchedAt).field(\.$firstResponseAt)
            .field(\.$resolvedAt).field(\.$resolutionDueAt).field(\.$ratingStars).field(\.$reopenCount)
            .run { row in
                samples.append(Result {
                    let o = row.qualifiedSchema(space: nil, Complaint.schema)
                    return AgencyPerformance.Sample(
                        agencyCode: try o.decode("agency_code", as: String.self),
                        status: ComplaintStatus(rawValue: try o.decode("status", as: String.self)) ?? .submitted,
                        dispatchedAt: try o.optional("dispatched_at", Date.self),
                        firstResponseAt: try o.optional("first_response_at", Date.self),
                        resolvedAt: try o.optional("resolved_at", Date.self),
                        resolutionDueAt: try o.optional("resolution_due_at", Date.self),
                        ratingStars: try o.optional("rating_stars", Int.self),
                        reopenCount: try o.decode("reopen_count", as: Int.self))
                })
            }
        let agencies = try await caches.catalog(on: db).agencies
        return AgencyPerformance.compute(try samples.map { try $0.get() })
            .map { AgencyPerformanceRow($0, name: agencies[$0.agencyCode]?.nameID ?? $0.agencyCode) }
    }

    /// The current month in WITA, the default period.
    package static func currentMonth(now: Date) -> (Date, Date) {
        let calendar = Calendar.wita
        let start = calendar.date(from: calendar.dateComponents([.year, .month], from: now))!
        return (start, calendar.date(byAdding: .month, value: 1, to: start)!)
    }
}
