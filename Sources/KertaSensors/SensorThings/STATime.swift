import Foundation

/// SensorThings' times: ISO 8601 instants with a zone, and intervals `start/end`. Written in UTC with
/// milliseconds only when there are any, as FROST and the standard's examples do.
enum STATime {
    static func instant(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 10, trimmed.count <= 40 else { return nil }
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        if let date = try? Date(trimmed, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return nil
    }

    /// An interval or an instant; nil when either part is not a time or the end comes before the start.
    static func interval(_ text: String) -> (start: Date, end: Date?)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return instant(text).map { ($0, nil) }
        case 2:
            guard let start = instant(String(parts[0])), let end = instant(String(parts[1])), end >= start else { return nil }
            return (start, end)
        default:
            return nil
        }
    }

    static func text(_ date: Date) -> String {
        let millis = (date.timeIntervalSince1970 * 1000).rounded()
        let whole = millis.truncatingRemainder(dividingBy: 1000) == 0
        return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: !whole))
    }

    static func text(start: Date, end: Date?) -> String {
        guard let end else { return text(start) }
        return text(start) + "/" + text(end)
    }
}
