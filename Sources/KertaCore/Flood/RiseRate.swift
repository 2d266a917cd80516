import Foundation

/// How fast a river rises, over the windows BPBD watches (15, 30 and 60 minutes): a flash flood on Tukad
/// Badung can climb a metre before the first siren's mark is reached, so a steep rise alarms on its own.
public struct RiseRate: Sendable, Equatable {
    public struct Reading: Sendable, Equatable {
        public let at: Date
        public let value: Double
        public init(at: Date, value: Double) {
            self.at = at
            self.value = value
        }
    }

    public struct Window: Sendable, Equatable {
        public let minutes: Int
        /// Centimetres of rise within the window that raise the alarm.
        public let limit: Double
        public init(minutes: Int, limit: Double) {
            self.minutes = minutes
            self.limit = limit
        }
    }

    public struct Finding: Sendable, Equatable {
        public let window: Window
        public let rise: Double
    }

    /// 20 cm in 15 min, 35 cm in 30 min, 50 cm in an hour: steeper than rain on a dry river, slower than
    /// the September 2025 flood's rise.
    public static let denpasar = RiseRate(windows: [Window(minutes: 15, limit: 20), Window(minutes: 30, limit: 35), Window(minutes: 60, limit: 50)])

    public let windows: [Window]

    public init(windows: [Window]) {
        self.windows = windows
    }

    /// The steepest window over its limit at the newest reading, or nil. The rise in a window is the newest
    /// value less the lowest one within it, so a dip and recovery does not hide a rise.
    public func finding(in readings: [Reading]) -> Finding? {
        guard let newest = readings.max(by: { $0.at < $1.at }) else { return nil }
        var worst: Finding?
        for window in windows {
            let start = newest.at.addingTimeInterval(-Double(window.minutes) * 60)
            let inside = readings.filter { $0.at >= start && $0.at <= newest.at }
            guard inside.count >= 2, let lowest = inside.map(\.value).min() else { continue }
            let rise = newest.value - lowest
            guard rise >= window.limit else { continue }
            let ratio = rise / window.limit
            if worst.map({ ratio > $0.rise / $0.window.limit }) ?? true { worst = Finding(window: window, rise: rise) }
        }
        return worst
    }
}
