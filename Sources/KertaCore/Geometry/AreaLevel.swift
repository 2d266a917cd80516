/// The tiers of Indonesian local government that Kerta maps.
public enum AreaLevel: String, CaseIterable, Sendable, Codable {
    /// Kota: the city itself.
    case city = "kota"
    /// Kecamatan: district.
    case kecamatan
    /// Desa or kelurahan: the village or urban ward, the smallest unit with an office.
    case desa
}
