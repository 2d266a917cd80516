// libFuzzer target: CivilDate(iso:) (holiday dates, YYYY-MM-DD) and WITATimestamp.date(from:) (every `from`,
// `to`, `updated_after` and datetime answer), with their round trips: a parsed date prints as it was written,
// its day number gives it back, and a timestamp printed in WITA parses to the same second.
import Foundation
@testable import KertaCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCivilDate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: input(data, size), as: UTF8.self)
    if let date = CivilDate(iso: text) {
        require(date.description == text, "CivilDate(iso: \(text.debugDescription)) prints as \(date)")
        require(CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date, "the day number of \(date) gives another date")
        require((1...7).contains(date.isoWeekday()), "\(date) has weekday \(date.isoWeekday())")
        require(CivilDate(date.startInstant()) == date, "midnight of \(date) falls on another date")
        _ = WorkingDayCalendar(nonWorkingDates: [date]).nextWorkingDay(after: date)
    }
    if let instant = WITATimestamp.date(from: text) {
        let printed = WITATimestamp.string(from: instant)
        guard let again = WITATimestamp.date(from: printed) else { fail("WITATimestamp prints \(printed), which it does not read") }
        require(again.timeIntervalSince1970 == instant.timeIntervalSince1970.rounded(.down),
                "\(text.debugDescription) → \(printed) → \(again.timeIntervalSince1970), not \(instant.timeIntervalSince1970)")
        _ = CivilDate(instant)
    }
    return 0
}
