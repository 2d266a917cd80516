import Foundation

/// ISO 8601 timestamps as Denpasar reads them: WITA wall-clock time with its `+08:00` offset.
///
/// The instant is the same as the UTC form; the offset just spares every client a conversion, and
/// Open311 requires an explicit offset anyway.
public enum WITATimestamp {
    /// WITA has been UTC+08:00 without daylight saving for as long as Kerta has data.
    public static let offsetSeconds = 28_800

    public static func string(from date: Date) -> String {
        let local = Int((date.timeIntervalSince1970 + Double(offsetSeconds)).rounded(.down))
        let days = Int((Double(local) / 86_400).rounded(.down))
        let civil = CivilDate(daysSinceEpoch: days)
        let seconds = local - days * 86_400
        return civil.description + "T" + two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60) + "+08:00"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// Parses ISO 8601 with an offset or `Z`, with or without fractional seconds; a date alone means midnight WITA.
    public static func date(from string: String) -> Date? {
        let full = ISO8601DateFormatter()
        full.formatOptions = [.withInternetDateTime]
        if let d = full.date(from: string) { return d }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = full.date(from: string) { return d }
        return CivilDate(iso: string)?.startInstant()
    }
}
