import Foundation
import KertaCore
import SQLKit
import KertaPlatform

extension Complaint: AuditedSubject {
    package static let auditSubjectType = "complaint"

    package var auditSubjectID: UUID {
        guard let id else { preconditionFailure("a complaint needs its id before its trail") }
        return id
    }

    /// Complaints for `kerta audit verify`: each row keeps its trail's head, its length and its status.
    package static let auditKind = AuditSubjectKind.table(schema, type: auditSubjectType, label: "ticket", status: "status", order: ["submitted_at", "ticket"])
}

extension ChangeSet {
    /// A complaint's entry, in the trail's words for complaints.
    package func audit(_ action: ComplaintAuditAction, of complaint: Complaint, by actor: AuditActor, from: ComplaintStatus? = nil,
               to: ComplaintStatus? = nil, note: String? = nil, data: [String: String]? = nil, at now: Date) {
        audit(action.rawValue, of: complaint, by: actor, from: from?.rawValue, to: to?.rawValue, note: note, data: data, at: now)
    }
}
