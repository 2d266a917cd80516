import Foundation
import KertaCore
import KertaPlatform

extension EventDraft {
    /// A warning's step on the `rivers` layer: drafts and approvals are the room's, a publication is everyone's.
    static func warning(_ what: String, _ warning: Warning, _ content: WarningContent, at now: Date) -> EventDraft {
        let published = what == WarningState.published.rawValue
        let severity: EventSeverity = switch content.severity {
        case .extreme: .critical
        case .severe: .high
        case .moderate: .medium
        case .minor, .unknown: .low
        }
        let label = WarningState(rawValue: what)?.label ?? LocalizedText(id: "Draf", en: "Draft")
        return EventDraft(type: "warning.\(what)", layer: .rivers, severity: published ? severity : .info, subjectType: Warning.auditSubjectType,
                          subjectID: warning.id?.uuidString.lowercased(), subjectRef: warning.identifier,
                          point: content.circle?.center ?? content.polygon.first, desaCode: content.desaCodes.first,
                          title: LocalizedText(id: "Peringatan \(label.id.lowercased()): \(content.headline.id)",
                                               en: "Warning \(label.en.lowercased()): \(content.headline.en)"),
                          payload: ["msg_type": .text(warning.msgType.rawValue), "state": .text(warning.state.rawValue)],
                          audience: published ? .public : .staff, time: now)
    }
}
