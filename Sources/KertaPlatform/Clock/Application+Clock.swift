import Foundation
import Vapor

extension Application {
    private struct ClockKey: StorageKey { typealias Value = any KertaClock }

    /// The one clock of this application; the system's unless a test sets another.
    package var kertaClock: any KertaClock {
        get { storage[ClockKey.self] ?? SystemClock() }
        set { storage[ClockKey.self] = newValue }
    }

    /// The clock as the closure services take.
    package var currentTime: @Sendable () -> Date {
        let clock = kertaClock
        return { clock.now() }
    }
}

extension Request {
    /// Now, by the application's clock.
    package var now: Date { application.kertaClock.now() }
}
