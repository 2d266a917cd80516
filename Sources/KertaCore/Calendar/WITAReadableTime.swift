import Foundation

/// A moment as people in Denpasar read it on a page: "26 Nov 2026, 09.30 WITA" (Indonesian writes the
/// time with a dot) or "26 Nov 2026, 09:30 WITA".
///
/// Integer arithmetic on the fixed +08:00 offset instead of a `DateFormatter`: pages show a dozen of
/// these, and making a formatter for each (ICU builds a pattern parser every time) was a fifth of the
/// home page's CPU. The tests check it against Foundation's `id_ID` and `en_GB` formats.
public enum WITAReadableTime {
    public static func string(from date: Date, _ language: Language) -> String {
        let local = Int((date.timeIntervalSince1970 + Double(WITATimestamp.offsetSeconds)).rounded(.down))
        let days = Int((Double(local) / 86_400).rounded(.down))
        let civil = CivilDate(daysSinceEpoch: days)
        let seconds = local - days * 86_400
        let month = (language == .english ? englishMonths : indonesianMonths)[civil.month - 1]
        let separator = language == .english ? ":" : "."
        return "\(civil.day) \(month) \(civil.year), \(two(seconds / 3600))\(separator)\(two(seconds / 60 % 60)) WITA"
    }

    static let indonesianMonths = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
