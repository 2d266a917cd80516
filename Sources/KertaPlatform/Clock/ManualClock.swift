import Foundation

/// A clock that moves only when told: tests stepping over a deadline, the demo seeder walking
/// through three months of the city's life.
package final class ManualClock: KertaClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    package init(_ start: Date) { current = start }

    package func now() -> Date { lock.withLock { current } }

    package func set(_ date: Date) { lock.withLock { current = date } }

    package func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}
