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
    package static let auditKind = AuditSubjectKind(type: auditSubjectType, heads: { sql in
        try await sql.raw("""
            SELECT "id", "ticket", "audit_head", "audit_count", "status" FROM "complaints" ORDER BY "submitted_at", "ticket"
            """).all().map(auditHead(from:))
    }, head: { sql, id in
        try await sql.raw("""
            SELECT "id", "ticket", "audit_head", "audit_count", "status" FROM "complaints" WHERE "id" = \(bind: id)
            """).first().map(auditHead(from:))
    })

    private static func auditHead(from row: any SQLRow) throws -> AuditSubjectKind.Head {
        AuditSubjectKind.Head(id: try row.decode(column: "id", as: UUID.self), label: try row.decode(column: "ticket", as: String.self),
                              head: try row.decode(column: "audit_head", as: String.self),
                              count: try row.decode(column: "audit_count", as: Int.self),
                              status: try row.decode(column: "status", as: String.self))
    }
}

extension ChangeSet {
    /// A complaint's entry, in the trail's words for complaints.
    package func audit(_ action: ComplaintAuditAction, of complaint: Complaint, by actor: AuditActor, from: ComplaintStatus? = nil,
               to: ComplaintStatus? = nil, note: String? = nil, data: [String: String]? = nil, at now: Date) {
        audit(action.rawValue, of: complaint, by: actor, from: from?.rawValue, to: to?.rawValue, note: note, data: data, at: now)
    }
}
