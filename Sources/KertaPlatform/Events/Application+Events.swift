import Fluent
import Foundation
import KertaCore
import SQLKit
import Vapor

extension Application {
    private struct EventHubKey: StorageKey { typealias Value = EventHub }

    /// This process's hub; made in `configure`, before any request.
    package var eventHub: EventHub {
        if let hub = storage[EventHubKey.self] { return hub }
        // PostgreSQL's NOTIFY wakes the hub at once; polling is only its safety net there.
        let poll: Duration = kertaConfiguration.database.name == "postgres" ? .seconds(5) : .seconds(1)
        let hub = EventHub(store: { [unowned self] in EventStore(db: self.db as! any SQLDatabase) },
                           bufferLimit: kertaConfiguration.eventBuffer, pollInterval: poll)
        storage[EventHubKey.self] = hub
        return hub
    }

    /// The recorder for changes made on `db` (the application's database, or a request's).
    package func changeRecorder(on db: any Database) -> ChangeRecorder {
        ChangeRecorder(db: db, hub: eventHub)
    }

    package func eventFeed() -> EventFeed {
        EventFeed(store: EventStore(db: db as! any SQLDatabase), hub: eventHub)
    }
}

extension Request {
    /// Who watches, as the events' audience rules see them.
    package var eventViewer: EventViewer {
        guard let user else { return .visitor }
        return EventViewer(role: user.role, agencyCode: user.$agency.id)
    }
}

extension Application {
    /// Removes events past the retention period (`KERTA_EVENT_RETENTION_DAYS`); returns how many.
    package func pruneEvents(now: Date? = nil) async throws -> Int {
        let cutoff = (now ?? kertaClock.now()).addingTimeInterval(-Double(kertaConfiguration.eventRetentionDays) * 86_400)
        return try await EventStore(db: db as! any SQLDatabase).prune(before: cutoff)
    }
}

/// Ends the live streams when the application stops (tests, commands); `executeAndStop` does it for a server.
package struct EventHubLifecycle: LifecycleHandler {
    package init() {}

    package func shutdownAsync(_ app: Application) async {
        await app.eventHub.closeAll()
    }
}
