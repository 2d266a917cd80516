/// Where a complaint stands in its life, from report to rated resolution.
public enum ComplaintStatus: String, CaseIterable, Sendable, Codable {
    case submitted
    case dispatched
    case rejected
    case duplicate
    case inProgress = "in_progress"
    case referred
    case onHold = "on_hold"
    case resolved
    case closed
    case reopened

    /// Still waiting for the city to act; the nearby search and overdue job look only at these.
    public var isOpen: Bool {
        switch self {
        case .submitted, .dispatched, .inProgress, .referred, .onHold, .reopened: true
        case .rejected, .duplicate, .resolved, .closed: false
        }
    }

    /// Final: nothing more can happen to it.
    public var isTerminal: Bool { self == .rejected || self == .duplicate || self == .closed }

    /// Waiting for the verifiers (new reports, and those an agency sent back as not its authority).
    public var isInVerificationQueue: Bool { self == .submitted || self == .referred }

    /// The agency holds it and owes a response or a resolution.
    public var isWithAgency: Bool { self == .dispatched || self == .inProgress || self == .onHold || self == .reopened }

    public var label: LocalizedText {
        switch self {
        case .submitted: LocalizedText(id: "Diajukan", en: "Submitted")
        case .dispatched: LocalizedText(id: "Diteruskan ke OPD", en: "Dispatched to agency")
        case .rejected: LocalizedText(id: "Ditolak", en: "Rejected")
        case .duplicate: LocalizedText(id: "Duplikat", en: "Duplicate")
        case .inProgress: LocalizedText(id: "Sedang ditangani", en: "In progress")
        case .referred: LocalizedText(id: "Bukan wewenang, dikembalikan", en: "Referred back")
        case .onHold: LocalizedText(id: "Ditunda", en: "On hold")
        case .resolved: LocalizedText(id: "Selesai ditangani", en: "Resolved")
        case .closed: LocalizedText(id: "Ditutup", en: "Closed")
        case .reopened: LocalizedText(id: "Dibuka kembali", en: "Reopened")
        }
    }
}
