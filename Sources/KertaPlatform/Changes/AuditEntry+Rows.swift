import Foundation

/// Audit entries as plain rows, for the change recorder's inserts and `kerta generate`'s bulk ones,
/// bypassing Fluent's per-model reflection (see `Complaint+Rows.swift`). The list must name every field of
/// ``AuditEntry``; `kerta audit verify` in GenerateTests reads them back through Fluent.
extension AuditEntry {
    package static let columnNames = [
        "id", "subject_type", "subject_id", "position", "version", "action", "actor_id", "actor_role", "actor_name",
        "from_status", "to_status", "note", "data", "recorded_at_ms", "previous_hash", "hash",
    ]

    package static let quotedColumnNames = quotedColumns(columnNames)

    package var columnValues: [any Encodable & Sendable] {
        [id, subjectType, subjectID, position, version, action, actorID, actorRole, actorName, fromStatus, toStatus,
         note, data, recordedAtMilliseconds, previousHash, hash]
    }
}
