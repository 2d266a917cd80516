import KertaPlatform
import KertaComplaints
import KertaCommand
import KertaSensors
/// Every kind of subject with an audit trail, for `kerta audit verify`. A capability that adds one adds it here.
package enum KertaAuditSubjects {
    package static let all: [AuditSubjectKind] = [Complaint.auditKind, Alarm.auditKind, Warning.auditKind]
}
