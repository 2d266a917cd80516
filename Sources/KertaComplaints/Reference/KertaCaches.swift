import Fluent
import Vapor
import KertaPlatform

/// The per-process caches (see ``ExpiringCache``), in one place so a change can clear them all.
package final class KertaCaches: Sendable {
    /// Categories and agencies: an admin's edit shows on this server at once, on the others within a minute.
    package let reference = ExpiringCache<String, ReferenceCatalog>(lifetime: 60)
    /// The home page's public counts by status (a full count of the table): half a minute old at most.
    package let statusCounts = ExpiringCache<String, [String: Int]>(lifetime: 30)
    /// The home page's newest public complaints by language: five seconds old at most.
    package let recentCards = ExpiringCache<String, [ComplaintCard]>(lifetime: 5)
    /// Agency scoreboards by period (the home page's current month, and `/api/v1/agencies/performance`):
    /// a month of a big city is tens of thousands of complaints to score.
    package let performance = ExpiringCache<String, [AgencyPerformanceRow]>(lifetime: 60)

    /// The command map's clustered layer answers (a whole city of counts), by box, zoom, statuses and viewer scope:
    /// five seconds old at most, so a wall and a room of operators asking the same share one count.
    package let layerClusters = ExpiringCache<String, GeoCollection>(lifetime: 5)

    /// Open311 documents that change only with the reference data (the services list), already encoded.
    package let open311Documents = ExpiringCache<String, String>(lifetime: 60)

    package func performance(from: Date, to: Date, on db: any Database) async throws -> [AgencyPerformanceRow] {
        try await performance.value(for: "\(from.timeIntervalSince1970)-\(to.timeIntervalSince1970)") {
            try await PerformanceService(db: db, caches: self).report(from: from, to: to)
        }
    }

    package func catalog(on db: any Database) async throws -> ReferenceCatalog {
        try await reference.value(for: "all") { try await ReferenceCatalog.load(on: db) }
    }

    /// After categories or agencies change here (admin pages, seeding).
    package func referenceChanged() async {
        await reference.removeAll()
        await performance.removeAll()
        await open311Documents.removeAll()
    }
}

extension Application {
    private struct KertaCachesKey: StorageKey { typealias Value = KertaCaches }

    package var kertaCaches: KertaCaches {
        if let existing = storage[KertaCachesKey.self] { return existing }
        let created = KertaCaches()
        storage[KertaCachesKey.self] = created
        return created
    }
}
