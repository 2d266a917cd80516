import Fluent
import Foundation
import KertaCore

/// One link of a subject's tamper-evident trail: who did what, when, from which state to which.
/// Written only by the ``ChangeRecorder``.
package final class AuditEntry: Model, @unchecked Sendable {
    package static let schema = "audit_entries"

    @ID(key: .id) package var id: UUID?
    @Field(key: "subject_type") package var subjectType: String
    @Field(key: "subject_id") package var subjectID: UUID
    @Field(key: "position") package var position: Int
    @Field(key: "version") package var version: String

    // What happened
    @Field(key: "action") package var action: String
    @OptionalField(key: "actor_id") package var actorID: String?
    @OptionalField(key: "actor_role") package var actorRole: String?
    @OptionalField(key: "actor_name") package var actorName: String?
    @OptionalField(key: "from_status") package var fromStatus: String?
    @OptionalField(key: "to_status") package var toStatus: String?
    @OptionalField(key: "note") package var note: String?
    @OptionalField(key: "data") package var data: String?
    @Field(key: "recorded_at_ms") package var recordedAtMilliseconds: Int64

    // The chain
    @Field(key: "previous_hash") package var previousHash: String
    @Field(key: "hash") package var hash: String

    package init() {}

    /// An entry of a version this build does not know is read as the current one: its hash then fails, as it should.
    package var record: AuditRecord {
        AuditRecord(version: AuditRecord.Version(rawValue: version) ?? AuditRecord.currentVersion, subjectType: subjectType,
                    subjectID: subjectID.uuidString.lowercased(), position: position, action: action, actorID: actorID,
                    actorRole: actorRole, actorName: actorName, fromStatus: fromStatus, toStatus: toStatus, note: note, data: data,
                    recordedAtMilliseconds: recordedAtMilliseconds, previousHash: previousHash)
    }

    package var recordedAt: Date { Date(timeIntervalSince1970: Double(recordedAtMilliseconds) / 1000) }
}
