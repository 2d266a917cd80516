import Foundation

/// Where a public warning stands. Only `published` ones are in the public feed; an Update or a Cancel,
/// once published, takes the earlier alert out of force (`superseded`, `cancelled`).
public enum WarningState: String, Sendable, Codable, CaseIterable {
    case draft
    case approved
    case published
    case superseded
    case cancelled
    /// A draft withdrawn before it was ever published.
    case withdrawn

    public var label: LocalizedText {
        switch self {
        case .draft: LocalizedText(id: "Draf", en: "Draft")
        case .approved: LocalizedText(id: "Disetujui", en: "Approved")
        case .published: LocalizedText(id: "Terbit", en: "Published")
        case .superseded: LocalizedText(id: "Diperbarui", en: "Superseded")
        case .cancelled: LocalizedText(id: "Dibatalkan", en: "Cancelled")
        case .withdrawn: LocalizedText(id: "Ditarik", en: "Withdrawn")
        }
    }
}
