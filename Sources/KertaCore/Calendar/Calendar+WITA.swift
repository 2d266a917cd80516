import Foundation

extension TimeZone {
    /// Waktu Indonesia Tengah, the zone of Bali: every date a resident or an officer sees is in it.
    public static let wita = TimeZone(identifier: "Asia/Makassar")!
}

extension Calendar {
    /// A Gregorian calendar fixed to WITA, so date arithmetic never depends on the server's zone.
    public static let wita: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .wita
        calendar.locale = Locale(identifier: "en_US_POSIX")
        return calendar
    }()
}
