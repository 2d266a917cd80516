import Foundation
import KertaCore
import NIOConcurrencyHelpers

/// This process's fan-out of committed events to its live subscribers.
///
/// The hub reads the log itself — everything after the last id it delivered — whenever it is told that
/// something may have been committed: by the change recorder of this process, or by the PostgreSQL
/// listener for every server. One read per wake-up serves every subscriber, and since events commit in id
/// order, reading after the last delivered id never skips one.
///
/// Each subscriber has a bounded buffer. A subscriber that does not keep up is dropped once its buffer is
/// full and told, after what it already has, to resync from its last id; the hub's memory stays bounded
/// by subscribers × buffer whatever one client does.
package actor EventHub {
    /// What a subscriber's stream carries.
    package enum Delivery: Sendable {
        case event(StoredEvent)
        /// Nothing happened for a while (every 15 s); a line keeps proxies and phones from closing a quiet connection.
        case heartbeat
    }

    /// One subscriber's end: its stream, and whether the hub cut it off for falling behind.
    package struct Subscription: Sendable {
        package let id: UUID
        package let deliveries: AsyncStream<Delivery>
        private let state: NIOLockedValueBox<Bool>

        package init(id: UUID, deliveries: AsyncStream<Delivery>, state: NIOLockedValueBox<Bool>) {
            self.id = id
            self.deliveries = deliveries
            self.state = state
        }

        /// True once the stream ended because the subscriber fell behind.
        package var fellBehind: Bool { state.withLockedValue { $0 } }
    }

    private struct Subscriber {
        package var filter: EventFilter
        package let continuation: AsyncStream<Delivery>.Continuation
        package let fellBehind: NIOLockedValueBox<Bool>
    }

    private let store: @Sendable () -> EventStore
    package let bufferLimit: Int
    private let heartbeatInterval: Duration
    private var subscribers: [UUID: Subscriber] = [:]
    /// Nil while nobody listens: the hub then reads nothing, and starts from the newest id when someone comes.
    private var lastDelivered: Int64?
    private var reading = false
    private var readAgain = false
    private var heartbeat: Task<Void, Never>?
    /// Set by a stopping server: no new subscriber after its streams were ended.
    private var closed = false
    private(set) var delivered = 0
    private(set) var cutOff = 0
    /// Events waiting in the fullest buffer at the last delivery: how far behind the slowest subscriber is.
    private(set) var worstLag = 0
    /// Wake-ups from another server's NOTIFY (for `/metrics`, and for the tests that two servers hear each other).
    private(set) var notifications = 0

    /// How often the hub reads the log unasked while someone listens: what another process committed without
    /// telling this one (`kerta jobs` from cron on SQLite; a notification lost while the listener reconnected).
    private let pollInterval: Duration

    package init(store: @escaping @Sendable () -> EventStore, bufferLimit: Int, pollInterval: Duration = .seconds(1),
         heartbeatInterval: Duration = .seconds(15)) {
        self.store = store
        self.bufferLimit = max(1, bufferLimit)
        self.pollInterval = pollInterval
        self.heartbeatInterval = heartbeatInterval
    }

    package var subscriberCount: Int { subscribers.count }
    package var lastDeliveredID: Int64 { lastDelivered ?? 0 }

    package func subscribe(_ filter: EventFilter) async throws -> Subscription {
        guard !closed else { throw EventHubError.closed }
        if lastDelivered == nil {
            let latest = try await store().latestID()
            // Another subscriber may have started the hub while this one read: the earlier start stands.
            if lastDelivered == nil { lastDelivered = latest }
        }
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: Delivery.self, bufferingPolicy: .bufferingOldest(bufferLimit))
        let state = NIOLockedValueBox(false)
        subscribers[id] = Subscriber(filter: filter, continuation: continuation, fellBehind: state)
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            Task { await self.unsubscribe(id) }
        }
        startHeartbeat()
        return Subscription(id: id, deliveries: stream, state: state)
    }

    package func unsubscribe(_ id: UUID) {
        subscribers.removeValue(forKey: id)?.continuation.finish()
        if subscribers.isEmpty {
            lastDelivered = nil
            heartbeat?.cancel()
            heartbeat = nil
        }
    }

    /// A stopping server ends every stream, so its subscribers reconnect (to another server, or to this one
    /// when it is back) from their last id instead of holding the shutdown for its grace period.
    package func closeAll() {
        closed = true
        for (_, subscriber) in subscribers { subscriber.continuation.finish() }
        subscribers.removeAll()
        lastDelivered = nil
        heartbeat?.cancel()
        heartbeat = nil
    }

    /// PostgreSQL announced a commit (of any server).
    package func notified() async {
        notifications += 1
        await poke()
    }

    /// Something may have been committed: read what is new and hand it out. Wake-ups that come while a
    /// read is running fold into one more read after it.
    package func poke() async {
        guard !subscribers.isEmpty else { return }
        if reading {
            readAgain = true
            return
        }
        reading = true
        defer { reading = false }
        repeat {
            readAgain = false
            do {
                while let after = lastDelivered {
                    let page = try await store().after(after, filter: nil, limit: 500)
                    guard !page.isEmpty else { break }
                    deliver(page)
                    if page.count < 500 { break }
                }
            } catch {
                // The next wake-up reads again from the same id: nothing is lost, only later.
                return
            }
        } while readAgain
    }

    /// Hands events to the subscribers whose filters let them through (for tests and the hub's own reads).
    package func deliver(_ events: [StoredEvent]) {
        // Nobody left (the last one went while this page was read): the next subscriber starts from the newest id.
        guard !subscribers.isEmpty else { return }
        var lag = 0
        defer { worstLag = lag }
        for event in events {
            guard event.id > (lastDelivered ?? 0) else { continue }
            lastDelivered = event.id
            for (id, subscriber) in subscribers where subscriber.filter.matches(layer: event.layer, audience: event.audience, point: event.point) {
                switch subscriber.continuation.yield(.event(event)) {
                case .enqueued(let remaining):
                    delivered += 1
                    lag = max(lag, bufferLimit - remaining)
                case .dropped:
                    cut(id, subscriber)
                case .terminated:
                    subscribers.removeValue(forKey: id)
                @unknown default:
                    cut(id, subscriber)
                }
            }
        }
    }

    /// The subscriber keeps what is in its buffer and then learns it fell behind.
    private func cut(_ id: UUID, _ subscriber: Subscriber) {
        subscriber.fellBehind.withLockedValue { $0 = true }
        subscribers.removeValue(forKey: id)
        subscriber.continuation.finish()
        cutOff += 1
    }

    private func startHeartbeat() {
        guard heartbeat == nil else { return }
        let poll = pollInterval
        let beatsEvery = max(1, Int(heartbeatInterval / poll))
        heartbeat = Task { [weak self] in
            var ticks = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: poll)
                guard let self, !Task.isCancelled else { return }
                await self.poke()
                ticks += 1
                if ticks % beatsEvery == 0 { await self.beat() }
            }
        }
    }

    private func beat() {
        for (_, subscriber) in subscribers { subscriber.continuation.yield(.heartbeat) }
    }
}

package enum EventHubError: Error {
    /// The server is stopping; the client resumes from its last id elsewhere.
    case closed
}
