import Foundation

/// A date on the wall calendar with no time or zone, as holidays are decreed.
///
/// Holidays are named by date in WITA; comparing them as instants would shift them by eight hours.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil for anything else, including impossible dates like 2026-02-30.
    public init?(iso string: String) {
        let parts = string.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        var components = DateComponents()
        components.year = y
        components.month = m
        components.day = d
        guard components.isValidDate(in: Calendar.wita) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The calendar date of `instant` as seen in `timeZone`.
    public init(_ instant: Date, in calendar: Calendar = .wita) {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        self.init(year: c.year!, month: c.month!, day: c.day!)
    }

    /// Midnight at the start of this date in the calendar's zone.
    public func startInstant(in calendar: Calendar = .wita) -> Date {
        calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    public func adding(days: Int, in calendar: Calendar = .wita) -> CivilDate {
        CivilDate(calendar.date(byAdding: .day, value: days, to: startInstant(in: calendar))!, in: calendar)
    }

    /// ISO weekday numbering: 1 Monday … 7 Sunday.
    public func isoWeekday(in calendar: Calendar = .wita) -> Int {
        let gregorian = calendar.component(.weekday, from: startInstant(in: calendar)) // 1 = Sunday
        return gregorian == 1 ? 7 : gregorian - 1
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
