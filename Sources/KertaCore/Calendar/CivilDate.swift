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

    /// Parses `YYYY-MM-DD` (ASCII digits); nil for anything else, including impossible dates like 2026-02-30
    /// and signs (`Int` reads `+999` and `-01`, which fuzz/targets/civil-date found passing as dates).
    public init?(iso string: String) {
        let s = Array(string.utf8)
        guard s.count == 10, s[4] == 0x2D, s[7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in s[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
              (1...12).contains(m), (1...Self.days(inMonth: m, of: y)).contains(d) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days in `month` (1–12) of `year` in the proleptic Gregorian calendar.
    public static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The calendar date of `instant` as seen in the calendar's zone.
    public init(_ instant: Date, in calendar: Calendar = .wita) {
        let local = instant.timeIntervalSince1970 + Double(Self.offset(of: calendar, at: instant))
        self.init(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
    }

    /// Midnight at the start of this date in the calendar's zone.
    public func startInstant(in calendar: Calendar = .wita) -> Date {
        let midnightUTC = Date(timeIntervalSince1970: Double(daysSinceEpoch) * 86_400)
        return midnightUTC.addingTimeInterval(-Double(Self.offset(of: calendar, at: midnightUTC)))
    }

    public func adding(days: Int, in calendar: Calendar = .wita) -> CivilDate {
        CivilDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// ISO weekday numbering: 1 Monday … 7 Sunday.
    public func isoWeekday(in calendar: Calendar = .wita) -> Int {
        // 1970-01-01 was a Thursday (4).
        ((daysSinceEpoch + 3) % 7 + 7) % 7 + 1
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`).
    ///
    /// Plain arithmetic rather than `Calendar.dateComponents`: deadlines walk day by day, and Foundation's
    /// calendar took most of the time of generating and listing complaints (see BENCHMARKS.md).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// The zone's offset from UTC; WITA's is fixed (+08:00, no daylight saving), so it is not looked up.
    static func offset(of calendar: Calendar, at instant: Date) -> Int {
        calendar.timeZone.identifier == TimeZone.wita.identifier ? WITATimestamp.offsetSeconds : calendar.timeZone.secondsFromGMT(for: instant)
    }

    public var description: String {
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + (month < 10 ? "-0" : "-") + String(month)
            + (day < 10 ? "-0" : "-") + String(day)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
