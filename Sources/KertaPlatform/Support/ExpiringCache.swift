import Foundation

/// Values kept for a short while in this process, for figures every visitor asks for and few change: reading
/// them per request was most of the cost of the pages that show them (BENCHMARKS.md). Each process has its
/// own copy, so with several servers a change shows everywhere within `lifetime`; the process that made the
/// change clears its copy at once. Bounded, so odd keys sent by a client cannot grow it without end.
///
/// One load per key at a time: when a value expires under load, the first request reloads it and the others
/// get the value just expired meanwhile (or wait for the load when there is none), instead of all of them
/// repeating a scan of a million rows at once.
package actor ExpiringCache<Key: Hashable & Sendable, Value: Sendable> {
    private var entries: [Key: (value: Value, expires: Date)] = [:]
    private var loading: [Key: Task<Value, any Error>] = [:]
    private let lifetime: TimeInterval
    private let capacity: Int

    package init(lifetime: TimeInterval, capacity: Int = 256) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    package var count: Int { entries.count }

    package func value(for key: Key, now: Date = Date(), load: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let entry = entries[key], entry.expires > now { return entry.value }
        if let running = loading[key] {
            if let stale = entries[key] { return stale.value }
            return try await running.value
        }
        let task = Task { try await load() }
        loading[key] = task
        defer { loading[key] = nil }
        let value = try await task.value
        if entries.count >= capacity {
            entries = entries.filter { $0.value.expires > now }
            if entries.count >= capacity { entries.removeAll() }
        }
        entries[key] = (value, now.addingTimeInterval(lifetime))
        return value
    }

    package func removeAll() {
        entries.removeAll()
    }
}
