import Foundation

/// ISO 8601 timestamps as Denpasar reads them: WITA wall-clock time with its `+08:00` offset.
///
/// The instant is the same as the UTC form; the offset just spares every client a conversion, and
/// Open311 requires an explicit offset anyway.
public enum WITATimestamp {
    public static func string(from date: Date) -> String {
        let c = Calendar.wita.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d+08:00", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

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
