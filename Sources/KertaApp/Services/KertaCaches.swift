import Fluent
import Vapor

/// The per-process caches (see ``ExpiringCache``), in one place so a change can clear them all.
final class KertaCaches: Sendable {
    /// Categories and agencies: an admin's edit shows on this server at once, on the others within a minute.
    let reference = ExpiringCache<String, ReferenceCatalog>(lifetime: 60)
    /// The home page's public counts by status (a full count of the table): half a minute old at most.
    let statusCounts = ExpiringCache<String, [String: Int]>(lifetime: 30)
    /// The home page's scoreboard of the current month.
    let ranking = ExpiringCache<String, [AgencyPerformanceRow]>(lifetime: 60)

    func catalog(on db: any Database) async throws -> ReferenceCatalog {
        try await reference.value(for: "all") { try await ReferenceCatalog.load(on: db) }
    }

    /// After categories or agencies change here (admin pages, seeding).
    func referenceChanged() async {
        await reference.removeAll()
        await ranking.removeAll()
    }
}

extension Application {
    private struct KertaCachesKey: StorageKey { typealias Value = KertaCaches }

    var caches: KertaCaches {
        if let existing = storage[KertaCachesKey.self] { return existing }
        let created = KertaCaches()
        storage[KertaCachesKey.self] = created
        return created
    }
}
