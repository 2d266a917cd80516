import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import Testing

/// Cached public figures are reused for their lifetime, then read again; odd keys cannot grow the cache.
@Suite struct ExpiringCacheTests {
    actor Counter { var loads = 0; func next() -> Int { loads += 1; return loads } }

    @Test func aValueIsReusedUntilItExpiresThenLoadedAgain() async throws {
        let cache = ExpiringCache<String, Int>(lifetime: 30)
        let counter = Counter()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try await cache.value(for: "k", now: start) { await counter.next() } == 1)
        #expect(try await cache.value(for: "k", now: start.addingTimeInterval(29)) { await counter.next() } == 1)
        #expect(try await cache.value(for: "k", now: start.addingTimeInterval(31)) { await counter.next() } == 2)
        await cache.removeAll()
        #expect(try await cache.value(for: "k", now: start.addingTimeInterval(32)) { await counter.next() } == 3)
    }

    @Test func manyDistinctKeysDoNotGrowItBeyondItsCapacity() async throws {
        let cache = ExpiringCache<Int, Int>(lifetime: 60, capacity: 4)
        let now = Date()
        for key in 0..<10 { _ = try await cache.value(for: key, now: now) { key } }
        #expect(await cache.count <= 4)
    }

    /// When a figure expires under load, one request reloads it; the others do not repeat the scan.
    @Test func concurrentRequestsLoadOnce() async throws {
        let cache = ExpiringCache<String, Int>(lifetime: 60)
        let counter = Counter()
        async let a = cache.value(for: "k") { try await Task.sleep(for: .milliseconds(50)); return await counter.next() }
        async let b = cache.value(for: "k") { try await Task.sleep(for: .milliseconds(50)); return await counter.next() }
        let (x, y) = try await (a, b)
        #expect(x == 1 && y == 1)
        #expect(await counter.loads == 1)
    }

    @Test func aFailedLoadIsNotCached() async throws {
        struct Down: Error {}
        let cache = ExpiringCache<String, Int>(lifetime: 60)
        await #expect(throws: Down.self) { try await cache.value(for: "k") { throw Down() } }
        #expect(try await cache.value(for: "k") { 7 } == 7)
    }
}
