import Fluent
import KertaCore
import SQLKit

/// The trail becomes every subject's, not only complaints': `complaint_id` is renamed `subject_id`, and
/// each entry names its subject's type and the canonical form it was hashed in. Entries written before
/// are complaints' in version 1, so they keep verifying as they were written.
package struct UpdateAuditEntryAddSubject: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        // Both engines rename a column in place, keeping its unique constraint with it.
        try await (database as! any SQLDatabase).raw("ALTER TABLE \"audit_entries\" RENAME COLUMN \"complaint_id\" TO \"subject_id\"").run()
        // One column per statement: SQLite alters a table one change at a time.
        try await database.schema(AuditEntry.schema)
            .field("subject_type", .string, .required, .sql(.default("complaint"))).update()
        try await database.schema(AuditEntry.schema)
            .field("version", .string, .required, .sql(.default(AuditRecord.Version.v1.rawValue))).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).deleteField("version").update()
        try await database.schema(AuditEntry.schema).deleteField("subject_type").update()
        try await (database as! any SQLDatabase).raw("ALTER TABLE \"audit_entries\" RENAME COLUMN \"subject_id\" TO \"complaint_id\"").run()
    }
}
