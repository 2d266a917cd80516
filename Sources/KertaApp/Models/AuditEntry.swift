import Fluent
import Foundation
import KertaCore

/// One link of a subject's tamper-evident trail: who did what, when, from which state to which.
/// Written only by the ``ChangeRecorder``.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_type") var subjectType: String
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "version") var version: String

    // What happened
    @Field(key: "action") var action: String
    @OptionalField(key: "actor_id") var actorID: String?
    @OptionalField(key: "actor_role") var actorRole: String?
    @OptionalField(key: "actor_name") var actorName: String?
    @OptionalField(key: "from_status") var fromStatus: String?
    @OptionalField(key: "to_status") var toStatus: String?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "data") var data: String?
    @Field(key: "recorded_at_ms") var recordedAtMilliseconds: Int64

    // The chain
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}

    /// An entry of a version this build does not know is read as the current one: its hash then fails, as it should.
    var record: AuditRecord {
        AuditRecord(version: AuditRecord.Version(rawValue: version) ?? AuditRecord.currentVersion, subjectType: subjectType,
                    subjectID: subjectID.uuidString.lowercased(), position: position, action: action, actorID: actorID,
                    actorRole: actorRole, actorName: actorName, fromStatus: fromStatus, toStatus: toStatus, note: note, data: data,
                    recordedAtMilliseconds: recordedAtMilliseconds, previousHash: previousHash)
    }

    var recordedAt: Date { Date(timeIntervalSince1970: Double(recordedAtMilliseconds) / 1000) }
}
