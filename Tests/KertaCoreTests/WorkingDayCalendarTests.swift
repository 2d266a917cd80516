import Foundation
import Testing
@testable import KertaCore

/// Deadlines are counted the way the complaint rules state them, across Denpasar's real calendar.
@Suite struct WorkingDayCalendarTests {
    let calendar = WorkingDayCalendar(holidays: try! ReferenceData.load(from: Fixtures.referenceDirectory).holidays)

    func wita(_ text: String) -> Date { Fixtures.wita(text) }

    @Test func oneWorkingDayFromMondayIsTuesdaySameTime() {
        #expect(calendar.adding(workingDays: 1, to: wita("2026-11-23 10:00")) == wita("2026-11-24 10:00"))
    }

    @Test func fridayPlusOneSkipsTheWeekend() {
        #expect(calendar.adding(workingDays: 1, to: wita("2026-11-27 16:30")) == wita("2026-11-30 16:30"))
    }

    @Test func weekendReportStartsTheClockOnMonday() {
        // Saturday afternoon: the clock starts Monday 00:00; 3 working days end Wednesday 24:00.
        #expect(calendar.adding(workingDays: 3, to: wita("2026-11-28 15:00")) == wita("2026-12-03 00:00"))
    }

    @Test func zeroWorkingDaysOnAWorkingDayIsTheSameInstant() {
        #expect(calendar.adding(workingDays: 0, to: wita("2026-11-23 09:15")) == wita("2026-11-23 09:15"))
    }

    @Test func nyepiAndIdulFitri2026AreSkipped() {
        // 17 Mar 2026 (Tue) + 3: 18 Tawur Kesanga/cuti bersama, 19 Nyepi, 20 cuti bersama, 21–22 Idul Fitri (weekend),
        // 23–24 cuti bersama: the next working days are 25, 26 and 27 March.
        #expect(calendar.adding(workingDays: 3, to: wita("2026-03-17 08:00")) == wita("2026-03-27 08:00"))
    }

    @Test func galunganAndKuninganDispensationDaysAreSkipped() {
        // 15 Jun 2026 (Mon) + 2: 16 Penampahan Galungan / 1 Muharam, 17 Galungan, 18 Umanis Galungan → 19, 22.
        #expect(calendar.adding(workingDays: 2, to: wita("2026-06-15 11:00")) == wita("2026-06-22 11:00"))
        // 25 Jun (Thu) + 1: 26 Penampahan Kuningan (Fri), 27 Kuningan (Sat) → Monday 29.
        #expect(calendar.adding(workingDays: 1, to: wita("2026-06-25 11:00")) == wita("2026-06-29 11:00"))
    }

    @Test func christmasCutiBersamaAcrossTheYearEnd() {
        // 23 Dec 2026 (Wed) + 2: 24 cuti bersama, 25 Christmas, weekend → 28, 29.
        #expect(calendar.adding(workingDays: 2, to: wita("2026-12-23 14:00")) == wita("2026-12-29 14:00"))
    }

    @Test func aCityMayStopCountingBaliDispensationDays() {
        let national = WorkingDayCalendar(holidays: calendar.holidaysForTest, counting: [.nationalHoliday, .jointLeave])
        // Without Bali's dispensation, Galungan week has working days on 17 and 18 June.
        #expect(national.adding(workingDays: 2, to: wita("2026-06-15 11:00")) == wita("2026-06-18 11:00"))
    }

    @Test func deadlinesDoNotDependOnTheServersZone() {
        // 23:30 WITA on Friday is still Friday in Denpasar, although it is Friday 15:30 UTC.
        #expect(calendar.adding(workingDays: 1, to: wita("2026-11-27 23:30")) == wita("2026-11-30 23:30"))
    }

    /// The day arithmetic must agree with Foundation's Gregorian calendar in WITA on every day, leap days and
    /// the turn of the century included, and timestamps must show WITA wall time.
    @Test func dayArithmeticAgreesWithFoundationsCalendar() {
        var foundation = Calendar(identifier: .gregorian)
        foundation.timeZone = TimeZone(identifier: "Asia/Makassar")!
        var instant = foundation.date(from: DateComponents(year: 1999, month: 12, day: 30, hour: 23, minute: 59))!
        for _ in 0..<(366 * 4) {
            let c = foundation.dateComponents([.year, .month, .day, .weekday, .hour, .minute, .second], from: instant)
            let civil = CivilDate(instant)
            #expect(civil == CivilDate(year: c.year!, month: c.month!, day: c.day!))
            #expect(civil.isoWeekday() == (c.weekday! == 1 ? 7 : c.weekday! - 1))
            #expect(civil.startInstant() == foundation.startOfDay(for: instant))
            #expect(CivilDate(daysSinceEpoch: civil.daysSinceEpoch) == civil)
            #expect(WITATimestamp.string(from: instant) == String(format: "%04d-%02d-%02dT%02d:%02d:%02d+08:00", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!))
            instant = instant.addingTimeInterval(86_400 + 3_601)
        }
        #expect(CivilDate(year: 2028, month: 2, day: 28).adding(days: 1) == CivilDate(year: 2028, month: 2, day: 29))
        #expect(CivilDate(year: 2100, month: 2, day: 28).adding(days: 1) == CivilDate(year: 2100, month: 3, day: 1))
        #expect(CivilDate(year: 2026, month: 12, day: 31).adding(days: 1).description == "2027-01-01")
    }

    @Test func elapsedWorkingDaysCountWholeDaysOnly() {
        let start = wita("2026-11-20 10:00") // Friday
        #expect(calendar.workingDaysElapsed(from: start, to: wita("2026-11-23 09:59")) == 0)
        #expect(calendar.workingDaysElapsed(from: start, to: wita("2026-11-23 10:00")) == 1)
        #expect(calendar.workingDaysElapsed(from: start, to: wita("2026-12-04 10:00")) == 10)
    }
}

extension WorkingDayCalendar {
    fileprivate var holidaysForTest: [Holiday] {
        try! ReferenceData.load(from: Fixtures.referenceDirectory).holidays
    }
}
