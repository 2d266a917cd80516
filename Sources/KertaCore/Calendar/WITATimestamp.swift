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
        guard (0...9999).contains(civil.year) else {
            return civil.description + "T" + two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60) + "+08:00"
        }
        // Written into one buffer of 25 bytes: lists write three or four of these per complaint, and the
        // string pieces above cost a dozen allocations each.
        return String(unsafeUninitializedCapacity: 25) { out in
            func put(_ value: Int, _ digits: Int, at index: Int) {
                var v = value
                for i in stride(from: index + digits - 1, through: index, by: -1) {
                    out[i] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                }
            }
            put(civil.year, 4, at: 0)
            out[4] = UInt8(ascii: "-")
            put(civil.month, 2, at: 5)
            out[7] = UInt8(ascii: "-")
            put(civil.day, 2, at: 8)
            out[10] = UInt8(ascii: "T")
            put(seconds / 3600, 2, at: 11)
            out[13] = UInt8(ascii: ":")
            put(seconds / 60 % 60, 2, at: 14)
            out[16] = UInt8(ascii: ":")
            put(seconds % 60, 2, at: 17)
            for (i, byte) in "+08:00".utf8.enumerated() { out[19 + i] = byte }
            return 25
        }
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// Parses an RFC 3339 / W3C date-time with its offset (`Z` or `±HH:MM`; `±HHMM` and `±HH` too), with or
    /// without fractional seconds; a date alone (`YYYY-MM-DD`) means midnight WITA. Anything else is nil:
    /// a time without its zone, impossible dates and times (2026-02-30, 24:00, 08:60), trailing text.
    ///
    /// Read by hand, in the proleptic Gregorian calendar `string(from:)` writes: Foundation's
    /// ISO8601DateFormatter read `12026-11-22T08:30:00Z` as 2026, 2026-02-30 as 2 March, an offset of
    /// +99:99, text after the offset, and dates before 1582 in the Julian calendar (found by fuzz/targets/civil-date).
    public static func date(from string: String) -> Date? {
        let s = Array(string.utf8)
        if s.count == 10 { return CivilDate(iso: string)?.startInstant() }
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= s.count else { return nil }
            var value = 0
            for byte in s[i..<(i + width)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            i += width
            return value
        }
        func skip(_ byte: UInt8) -> Bool {
            guard i < s.count, s[i] == byte else { return false }
            i += 1
            return true
        }
        guard let year = number(4), skip(0x2D), let month = number(2), skip(0x2D), let day = number(2),
              (1...12).contains(month), (1...CivilDate.days(inMonth: month, of: year)).contains(day),
              skip(0x54) || skip(0x74), // T or t
              let hour = number(2), skip(0x3A), let minute = number(2), skip(0x3A), let second = number(2),
              hour < 24, minute < 60, second < 60 else { return nil }
        var fraction = 0.0
        if skip(0x2E) {
            let start = i
            var scale = 0.1
            while i < s.count, (0x30...0x39).contains(s[i]) {
                fraction += Double(s[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        let offset: Int
        if skip(0x5A) || skip(0x7A) { // Z or z
            offset = 0
        } else {
            guard i < s.count, s[i] == 0x2B || s[i] == 0x2D else { return nil }
            let sign = s[i] == 0x2D ? -1 : 1
            i += 1
            guard let hours = number(2), hours < 24 else { return nil }
            var minutes = 0
            if i < s.count {
                _ = skip(0x3A)
                guard let m = number(2), m < 60 else { return nil }
                minutes = m
            }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard i == s.count else { return nil }
        let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

}
