/// Why a day is off. The kinds come from the decrees that set them, so a city can decide per kind
/// whether it stops the complaint clock.
public enum HolidayKind: String, CaseIterable, Sendable, Codable {
    /// Libur nasional, set each year by the SKB of three ministers.
    case nationalHoliday = "libur_nasional"
    /// Cuti bersama: joint leave for civil servants, set by the same SKB.
    case jointLeave = "cuti_bersama"
    /// Days the Governor of Bali gives Bali's civil servants off (Galungan, Kuningan, Nyepi's eve …).
    case baliDispensation = "dispensasi_bali"
}
