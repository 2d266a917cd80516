import Fluent

/// No foreign key to complaints on purpose: the trail must outlive, and reveal, a removed complaint row.
package struct CreateAuditEntry: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema)
            .id()
            .field("complaint_id", .uuid, .required)
            .field("position", .int, .required)
            .field("action", .string, .required)
            .field("actor_id", .string)
            .field("actor_role", .string)
            .field("actor_name", .string)
            .field("from_status", .string)
            .field("to_status", .string)
            .field("note", .string)
            .field("data", .string)
            .field("recorded_at_ms", .int64, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "complaint_id", "position")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).delete()
    }
}
