import Foundation
@testable import KertaCore
import Testing

@Suite struct WITAReadableTimeTests {
    /// Pages once made a `DateFormatter` for every time they showed; the integer form must read the same.
    @Test func readsAsFoundationsIndonesianAndBritishFormats() {
        let formats: [(Language, String, String)] = [(.indonesian, "id_ID", "d MMM yyyy, HH.mm"), (.english, "en_GB", "d MMM yyyy, HH:mm")]
        for (language, locale, pattern) in formats {
            let formatter = DateFormatter()
            formatter.timeZone = TimeZone(identifier: "Asia/Makassar")
            formatter.locale = Locale(identifier: locale)
            formatter.dateFormat = pattern
            // Every month of two years, at times around midnight WITA (16:00 UTC) and noon.
            var instant = Date(timeIntervalSince1970: 1_767_225_600 - 8 * 3600 - 60) // 2025-12-31T23:59 WITA
            for _ in 0..<(2 * 365) {
                #expect(WITAReadableTime.string(from: instant, language) == formatter.string(from: instant) + " WITA", "\(locale) \(instant)")
                instant += 86_400 + 757
            }
        }
    }

    @Test func writesTheTimeWithADotInIndonesian() {
        let instant = WITATimestamp.date(from: "2026-11-26T09:30:00+08:00")!
        #expect(WITAReadableTime.string(from: instant, .indonesian) == "26 Nov 2026, 09.30 WITA")
        #expect(WITAReadableTime.string(from: instant, .english) == "26 Nov 2026, 09:30 WITA")
    }
}
