import Foundation
import KertaCore
import KertaPlatform
import SQLKit

extension Alarm: AuditedSubject {
    package static let auditSubjectType = "alarm"

    package var auditSubjectID: UUID {
        guard let id else { preconditionFailure("an alarm needs its id before its trail") }
        return id
    }

    /// Alarms for `kerta audit verify`.
    package static let auditKind = AuditSubjectKind.table(schema, type: auditSubjectType, label: "source", status: "state", order: ["first_at", "id"])
}

extension ChangeSet {
    /// An alarm's entry: raised, repeated, or a move from one state to another.
    package func audit(_ action: String, of alarm: Alarm, by actor: AuditActor, from: AlarmState? = nil, to: AlarmState? = nil,
                       note: String? = nil, data: [String: String]? = nil, at now: Date) {
        audit(action, of: alarm, by: actor, from: from?.rawValue, to: to?.rawValue, note: note, data: data, at: now)
    }
}
