import Foundation
import KertaPlatform

/// The clock the demo seeder moves through three months of the city's life.
package final class DemoClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    package init(_ start: Date) { current = start }

    package var now: Date { lock.withLock { current } }

    package func set(_ date: Date) { lock.withLock { current = date } }
}
