/// Where an alarm stands, after ISA-18.2's life of an alarm: raised (`open`), seen by an operator
/// (`acknowledged`), being handled (`in_progress`), its cause removed (`resolved`), done with (`closed`),
/// or set aside for a while with a reason (`shelved`), after which it returns as `open`.
public enum AlarmState: String, CaseIterable, Sendable, Codable {
    case open
    case acknowledged
    case inProgress = "in_progress"
    case resolved
    case closed
    case shelved

    /// Still wants an operator's attention: counted on the panel and in the load figures.
    public var isActive: Bool { self != .closed }

    public var label: LocalizedText {
        switch self {
        case .open: LocalizedText(id: "Baru", en: "Open")
        case .acknowledged: LocalizedText(id: "Diakui", en: "Acknowledged")
        case .inProgress: LocalizedText(id: "Ditangani", en: "In progress")
        case .resolved: LocalizedText(id: "Teratasi", en: "Resolved")
        case .closed: LocalizedText(id: "Ditutup", en: "Closed")
        case .shelved: LocalizedText(id: "Ditunda", en: "Shelved")
        }
    }
}
