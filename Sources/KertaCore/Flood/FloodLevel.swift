import Foundation

/// Denpasar's flood alert scale at a gauge, as BPBD's sirens sound it: Level 1 (Waspada) is the first
/// siren, Level 3 (Awas) the evacuation siren. Jakarta's Siaga scale counts the other way (Siaga 1 is the
/// worst), so a level is always shown by its word and colour, never as a bare number.
public enum FloodLevel: Int, Sendable, Codable, CaseIterable, Comparable {
    case normal = 0
    case waspada = 1
    case siaga = 2
    case awas = 3

    public static func < (a: FloodLevel, b: FloodLevel) -> Bool { a.rawValue < b.rawValue }

    /// The stable code used in events, the API and the CSS classes.
    public var code: String {
        switch self {
        case .normal: "normal"
        case .waspada: "waspada"
        case .siaga: "siaga"
        case .awas: "awas"
        }
    }

    public init?(code: String) {
        guard let level = FloodLevel.allCases.first(where: { $0.code == code }) else { return nil }
        self = level
    }

    public var word: LocalizedText {
        switch self {
        case .normal: LocalizedText(id: "Normal", en: "Normal")
        case .waspada: LocalizedText(id: "Waspada (Level 1)", en: "Alert (Level 1)")
        case .siaga: LocalizedText(id: "Siaga (Level 2)", en: "Standby (Level 2)")
        case .awas: LocalizedText(id: "Awas (Level 3)", en: "Danger (Level 3)")
        }
    }

    /// What people at the river should do, said with the level everywhere it is shown.
    public var advice: LocalizedText {
        switch self {
        case .normal: LocalizedText(id: "Air sungai normal.", en: "The river is at its normal level.")
        case .waspada: LocalizedText(id: "Air naik. Pantau informasi dan jauhi bantaran sungai.",
                                     en: "The water is rising. Follow updates and keep away from the riverbank.")
        case .siaga: LocalizedText(id: "Siapkan evakuasi: amankan dokumen dan barang, bantu lansia dan anak-anak.",
                                   en: "Prepare to evacuate: secure documents and goods, help the elderly and children.")
        case .awas: LocalizedText(id: "Segera evakuasi ke tempat tinggi. Jangan menyeberangi arus.",
                                  en: "Evacuate to high ground now. Do not cross flowing water.")
        }
    }

    /// Green, yellow, orange, red: the colours of BPBD's warning boards.
    public var colour: String {
        switch self {
        case .normal: "#2e7d32"
        case .waspada: "#f9a825"
        case .siaga: "#ef6c00"
        case .awas: "#c62828"
        }
    }
}
