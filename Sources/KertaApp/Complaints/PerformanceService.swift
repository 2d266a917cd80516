import Fluent
import Foundation
import KertaCore

/// Gathers the complaints received in a period and scores each agency (see ``AgencyPerformance``).
/// Confidential complaints count too: the scoreboard shows numbers, never the complaints themselves.
struct PerformanceService {
    let db: any Database

    func report(from: Date, to: Date) async throws -> [AgencyPerformanceRow] {
        let rows = try await Complaint.query(on: db)
            .filter(\.$submittedAt >= from).filter(\.$submittedAt < to).filter(\.$agencyCode != nil)
            .field(\.$id).field(\.$agencyCode).field(\.$status).field(\.$dispatchedAt).field(\.$firstResponseAt)
            .field(\.$resolvedAt).field(\.$resolutionDueAt).field(\.$ratingStars).field(\.$reopenCount)
            .all()
        // Only what was dispatched counts against an agency: a report still with the verifiers is not theirs yet.
        let samples = rows.compactMap { c -> AgencyPerformance.Sample? in
            guard let agency = c.agencyCode, c.dispatchedAt != nil else { return nil }
            return AgencyPerformance.Sample(agencyCode: agency, status: c.statusValue, dispatchedAt: c.dispatchedAt,
                                            firstResponseAt: c.firstResponseAt, resolvedAt: c.resolvedAt,
                                            resolutionDueAt: c.resolutionDueAt, ratingStars: c.ratingStars, reopenCount: c.reopenCount)
        }
        let names = Dictionary(uniqueKeysWithValues: try await Agency.query(on: db).all().compactMap { a in a.id.map { ($0, a.nameID) } })
        return AgencyPerformance.compute(samples).map { AgencyPerformanceRow($0, name: names[$0.agencyCode] ?? $0.agencyCode) }
    }

    /// The current month in WITA, the default period.
    static func currentMonth(now: Date = Date()) -> (Date, Date) {
        let calendar = Calendar.wita
        let start = calendar.date(from: calendar.dateComponents([.year, .month], from: now))!
        return (start, calendar.date(byAdding: .month, value: 1, to: start)!)
    }
}
