import Foundation

/// Whether a gauge has gone quiet: silent longer than the interval it is expected to report in. A dead
/// gauge upstream is itself a warning sign in the rainy season, so it is an alarm, not a footnote.
public enum GaugeSilence {
    public static func isOffline(lastReport: Date?, expectedInterval: TimeInterval, now: Date) -> Bool {
        guard let lastReport else { return false }
        return now.timeIntervalSince(lastReport) > expectedInterval
    }
}
