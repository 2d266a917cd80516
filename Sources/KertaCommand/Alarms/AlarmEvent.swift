import Foundation
import KertaCore
import KertaPlatform

extension EventDraft {
    /// An alarm is heard by those who may read its cause: a confidential complaint's by those who may read it,
    /// an agency's by its officers and the room, the rest by all staff.
    static func audience(of alarm: Alarm) -> EventAudience {
        if alarm.confidential { return .confidential(alarm.agencyCode) }
        return alarm.agencyCode.map(EventAudience.agency) ?? .staff
    }

    /// An alarm's event on the `alarms` layer: staff only, its severity the alarm's priority.
    /// `what` is `raised`, `repeated`, `returned` or the state it moved to.
    package static func alarm(_ what: String, _ alarm: Alarm, at now: Date) -> EventDraft {
        let severity: EventSeverity = switch alarm.priority {
        case .critical: .critical
        case .high: .high
        case .medium: .medium
        case .low, .investigation: .low
        }
        let verb: LocalizedText = switch what {
        case "raised": LocalizedText(id: "Alarm", en: "Alarm")
        case "cleared": LocalizedText(id: "Kembali normal", en: "Back to normal")
        case "repeated": LocalizedText(id: "Alarm berulang (×\(alarm.count))", en: "Alarm repeated (×\(alarm.count))")
        case "returned": LocalizedText(id: "Alarm kembali dari penundaan", en: "Alarm back from shelving")
        default: AlarmState(rawValue: what)?.label ?? LocalizedText(id: what, en: what)
        }
        return EventDraft(type: "alarm.\(what)", layer: .alarms, severity: severity, subjectType: Alarm.auditSubjectType,
                          subjectID: alarm.id?.uuidString.lowercased(), subjectRef: alarm.subjectRef ?? alarm.source,
                          point: alarm.confidential ? nil : alarm.point, desaCode: alarm.desaCode,
                          title: LocalizedText(id: "\(verb.id): \(alarm.titleID)", en: "\(verb.en): \(alarm.titleEN)"),
                          payload: ["alarm_type": .text(alarm.type), "state": .text(alarm.state.rawValue),
                                    "priority": .text(alarm.priority.rawValue), "count": .number(Double(alarm.count))],
                          audience: audience(of: alarm), time: now)
    }
}
