import Foundation
import KertaCore

/// One subscriber's view of the log, whatever carries it (Server-Sent Events or a WebSocket): first every
/// event after the id it names (its `Last-Event-ID`), read from the table, then the live ones from the hub,
/// each exactly once and in id order — also across a restart of the server, as the table outlives it.
package struct EventFeed: Sendable {
    package enum Output: Sendable {
        case event(StoredEvent)
        case heartbeat
        /// The subscriber fell behind and was cut off; it should reconnect from this id.
        case resync(lastID: Int64)
    }

    package let store: EventStore
    package let hub: EventHub
    package var pageSize = 500

    /// How long a signed-in viewer's stream lives before the server ends it: the client reconnects from its
    /// last id and is authenticated again, so a deactivated, signed-out or moved account stops receiving
    /// what it may no longer see within this time.
    package static let signedInLifetime: Duration = .seconds(3600)

    /// Runs until the subscriber leaves (a send throws, or the task is cancelled), falls behind, or `lifetime`
    /// has passed (checked at every delivery and heartbeat); returns the last id sent. `since` nil starts
    /// with what is committed from now on.
    @discardableResult
    package func run(since: Int64?, filter: EventFilter, lifetime: Duration? = nil,
                     send: @Sendable (Output) async throws -> Void) async throws -> Int64 {
        let deadline = lifetime.map { ContinuousClock.now + $0 }
        var last: Int64
        if let since {
            last = since
        } else {
            last = try await store.latestID()
        }
        // The backlog is read before subscribing, so a long catch-up cannot fill the live buffer…
        last = try await catchUp(after: last, filter: filter, send: send)
        let subscription = try await hub.subscribe(filter)
        do {
            // …and once more after, for what was committed in between; the live stream repeats some of it, skipped by id.
            last = try await catchUp(after: last, filter: filter, send: send)
            for await delivery in subscription.deliveries {
                switch delivery {
                case .event(let event):
                    guard event.id > last else { continue }
                    try await send(.event(event))
                    last = event.id
                case .heartbeat:
                    try await send(.heartbeat)
                }
                if let deadline, ContinuousClock.now >= deadline { break }
            }
            await hub.unsubscribe(subscription.id)
            if subscription.fellBehind {
                try await send(.resync(lastID: last))
            }
            return last
        } catch {
            await hub.unsubscribe(subscription.id)
            throw error
        }
    }

    private func catchUp(after id: Int64, filter: EventFilter, send: @Sendable (Output) async throws -> Void) async throws -> Int64 {
        var last = id
        while true {
            try Task.checkCancellation()
            let page = try await store.after(last, filter: filter, limit: pageSize)
            for event in page {
                try await send(.event(event))
                last = event.id
            }
            if page.count < pageSize { return last }
        }
    }
}
