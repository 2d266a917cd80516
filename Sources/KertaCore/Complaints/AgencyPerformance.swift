import Foundation

/// How an agency handled the complaints it received in a period — the public scoreboard PRO promises
/// ("memantau kinerja aparat pemerintah").
public struct AgencyPerformance: Sendable, Equatable {
    /// An agency is ranked only with at least this many closed complaints, so a lucky few cannot top the table.
    public static let minimumClosedForRanking = 10

    /// One complaint, reduced to what the scoreboard counts.
    public struct Sample: Sendable {
        public var agencyCode: String
        public var status: ComplaintStatus
        public var dispatchedAt: Date?
        public var firstResponseAt: Date?
        public var resolvedAt: Date?
        public var resolutionDueAt: Date?
        public var ratingStars: Int?
        public var reopenCount: Int

        public init(agencyCode: String, status: ComplaintStatus, dispatchedAt: Date?, firstResponseAt: Date?,
                    resolvedAt: Date?, resolutionDueAt: Date?, ratingStars: Int?, reopenCount: Int) {
            self.agencyCode = agencyCode
            self.status = status
            self.dispatchedAt = dispatchedAt
            self.firstResponseAt = firstResponseAt
            self.resolvedAt = resolvedAt
            self.resolutionDueAt = resolutionDueAt
            self.ratingStars = ratingStars
            self.reopenCount = reopenCount
        }
    }

    public var agencyCode: String
    public var received: Int
    public var resolved: Int
    public var closed: Int
    /// Share of resolved complaints resolved by their deadline, 0–100; nil when none was resolved.
    public var percentWithinDeadline: Double?
    public var medianHoursToFirstResponse: Double?
    public var medianHoursToResolution: Double?
    public var averageRating: Double?
    public var ratings: Int
    /// Share of resolved complaints the reporter reopened, 0–100.
    public var percentReopened: Double?
    /// 1 for the best; nil when the agency has too few closed complaints to be ranked.
    public var rank: Int?

    /// Scores every agency in the samples; ranked by share within deadline, then average rating, then volume.
    public static func compute(_ samples: [Sample]) -> [AgencyPerformance] {
        let byAgency = Dictionary(grouping: samples, by: \.agencyCode)
        var rows = byAgency.map { code, items in
            let resolvedItems = items.filter { $0.resolvedAt != nil }
            let withinDeadline = resolvedItems.filter { item in
                guard let resolved = item.resolvedAt, let due = item.resolutionDueAt else { return false }
                return resolved <= due
            }
            let responseHours = items.compactMap { item -> Double? in
                guard let start = item.dispatchedAt, let end = item.firstResponseAt else { return nil }
                return max(0, end.timeIntervalSince(start)) / 3600
            }
            let resolutionHours = resolvedItems.compactMap { item -> Double? in
                guard let start = item.dispatchedAt, let end = item.resolvedAt else { return nil }
                return max(0, end.timeIntervalSince(start)) / 3600
            }
            let stars = items.compactMap(\.ratingStars)
            return AgencyPerformance(
                agencyCode: code,
                received: items.count,
                resolved: resolvedItems.count,
                closed: items.filter { $0.status == .closed }.count,
                percentWithinDeadline: percent(withinDeadline.count, of: resolvedItems.count),
                medianHoursToFirstResponse: median(responseHours),
                medianHoursToResolution: median(resolutionHours),
                averageRating: stars.isEmpty ? nil : (Double(stars.reduce(0, +)) / Double(stars.count) * 100).rounded() / 100,
                ratings: stars.count,
                percentReopened: percent(resolvedItems.filter { $0.reopenCount > 0 }.count, of: resolvedItems.count),
                rank: nil)
        }
        let ranked = rows.indices
            .filter { rows[$0].closed >= minimumClosedForRanking }
            .sorted { a, b in
                let (x, y) = (rows[a], rows[b])
                if x.percentWithinDeadline != y.percentWithinDeadline { return (x.percentWithinDeadline ?? 0) > (y.percentWithinDeadline ?? 0) }
                if x.averageRating != y.averageRating { return (x.averageRating ?? 0) > (y.averageRating ?? 0) }
                if x.closed != y.closed { return x.closed > y.closed }
                return x.agencyCode < y.agencyCode
            }
        for (place, index) in ranked.enumerated() { rows[index].rank = place + 1 }
        return rows.sorted { a, b in
            switch (a.rank, b.rank) {
            case let (x?, y?): x < y
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.received != b.received ? a.received > b.received : a.agencyCode < b.agencyCode
            }
        }
    }

    static func percent(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : (Double(part) / Double(whole) * 1000).rounded() / 10
    }

    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        let value = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        return (value * 10).rounded() / 10
    }
}
