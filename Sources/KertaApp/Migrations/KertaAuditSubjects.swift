/// Every kind of subject with an audit trail, for `kerta audit verify`. A capability that adds one adds it here.
enum KertaAuditSubjects {
    static let all: [AuditSubjectKind] = [Complaint.auditKind]
}
