import Foundation

/// Values kept for a short while in this process, for figures every visitor asks for and few change: reading
/// them per request was most of the cost of the pages that show them (BENCHMARKS.md). Each process has its
/// own copy, so with several servers a change shows everywhere within `lifetime`; the process that made the
/// change clears its copy at once. Bounded, so odd keys sent by a client cannot grow it without end.
actor ExpiringCache<Key: Hashable & Sendable, Value: Sendable> {
    private var entries: [Key: (value: Value, expires: Date)] = [:]
    private let lifetime: TimeInterval
    private let capacity: Int

    init(lifetime: TimeInterval, capacity: Int = 256) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func value(for key: Key, now: Date = Date(), load: @Sendable () async throws -> Value) async throws -> Value {
        if let entry = entries[key], entry.expires > now { return entry.value }
        let value = try await load()
        if entries.count >= capacity {
            entries = entries.filter { $0.value.expires > now }
            if entries.count >= capacity { entries.removeAll() }
        }
        entries[key] = (value, now.addingTimeInterval(lifetime))
        return value
    }

    var count: Int { entries.count }

    func removeAll() {
        entries.removeAll()
    }
}
