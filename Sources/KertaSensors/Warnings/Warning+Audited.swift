import Foundation
import KertaCore
import KertaPlatform

extension Warning: AuditedSubject {
    package static let auditSubjectType = "warning"

    package var auditSubjectID: UUID {
        guard let id else { preconditionFailure("a warning needs its id before its trail") }
        return id
    }

    /// Warnings for `kerta audit verify`.
    package static let auditKind = AuditSubjectKind.table(schema, type: auditSubjectType, label: "drafted_by_name", status: "state", order: ["created_at", "id"])
}
