import Foundation

/// Counts deadlines in working days (hari kerja), as Indonesian complaint rules state them.
///
/// Rules of the count, in WITA:
/// - Saturdays, Sundays and the given non-working dates are not working days.
/// - A working day is the whole calendar day; an instant on a non-working day starts the clock at
///   midnight of the next working day (a report sent on Saturday is due as if sent first thing Monday).
/// - Adding N working days moves forward over N working days and keeps the time of day, so a report
///   at 10:00 Monday with 1 working day is due 10:00 Tuesday, and one on Friday is due 10:00 Monday.
public struct WorkingDayCalendar: Sendable {
    public let nonWorkingDates: Set<CivilDate>
    public let calendar: Calendar

    /// The non-working dates as a table by day number, from the first to the last: deadlines walk day by
    /// day, and hashing each date was most of the cost of computing them in bulk.
    private let firstDay: Int
    private let dayOff: [Bool]

    public init(nonWorkingDates: Set<CivilDate>, calendar: Calendar = .wita) {
        self.nonWorkingDates = nonWorkingDates
        self.calendar = calendar
        let days = nonWorkingDates.map(\.daysSinceEpoch)
        firstDay = days.min() ?? 0
        var table = [Bool](repeating: false, count: days.isEmpty ? 0 : days.max()! - firstDay + 1)
        for day in days { table[day - firstDay] = true }
        dayOff = table
    }

    /// Builds the calendar from holidays, keeping only the kinds the city counts as days off.
    public init(holidays: [Holiday], counting kinds: Set<HolidayKind> = Set(HolidayKind.allCases), calendar: Calendar = .wita) {
        self.init(nonWorkingDates: Set(holidays.filter { kinds.contains($0.kind) }.map(\.date)), calendar: calendar)
    }

    public func isWorkingDay(_ date: CivilDate) -> Bool {
        guard date.isoWeekday(in: calendar) <= 5 else { return false }
        let index = date.daysSinceEpoch - firstDay
        return !(index >= 0 && index < dayOff.count && dayOff[index])
    }

    /// The instant that lies `days` working days after `start`. `days` must not be negative.
    public func adding(workingDays days: Int, to start: Date) -> Date {
        precondition(days >= 0, "working days to add must not be negative")
        var date = CivilDate(start, in: calendar)
        var timeOfDay = start.timeIntervalSince(date.startInstant(in: calendar))
        if !isWorkingDay(date) {
            date = nextWorkingDay(after: date)
            timeOfDay = 0
        }
        var remaining = days
        while remaining > 0 {
            date = nextWorkingDay(after: date)
            remaining -= 1
        }
        return date.startInstant(in: calendar).addingTimeInterval(timeOfDay)
    }

    /// How many whole working days have passed from `start` to `end` (0 when `end` is not later).
    public func workingDaysElapsed(from start: Date, to end: Date) -> Int {
        var count = 0
        var next = adding(workingDays: 1, to: start)
        while next <= end {
            count += 1
            next = adding(workingDays: 1, to: next)
        }
        return count
    }

    public func nextWorkingDay(after date: CivilDate) -> CivilDate {
        var next = date.adding(days: 1, in: calendar)
        // Bounded: no calendar has a year without working days; this guards against a corrupt holiday table.
        for _ in 0..<366 where !isWorkingDay(next) {
            next = next.adding(days: 1, in: calendar)
        }
        return next
    }
}
