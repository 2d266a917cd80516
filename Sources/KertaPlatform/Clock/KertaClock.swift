import Foundation

/// Where Kerta reads the current time. Deadlines, escalations, sign-in lockouts and retention all
/// depend on it, so it is read in one way only and a test or the demo seeder can set it.
package protocol KertaClock: Sendable {
    func now() -> Date
}

/// The machine's clock, for production.
package struct SystemClock: KertaClock {
    package init() {}
    package func now() -> Date { Date() }
}
