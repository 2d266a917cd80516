import Fluent
import SQLKit

/// The append-only log every live view reads: the operators' feed, the map's layers, the catch-up after a
/// reconnect. The id only grows (SQLite's AUTOINCREMENT never reuses a pruned id; PostgreSQL's identity
/// never goes back), and the change recorder commits events in id order, so "everything after id N" is
/// a complete answer at any moment.
package struct CreateEvent: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(StoredEvent.schema)
            .field("id", .int64, .identifier(auto: true))
            .field("occurred_at", .datetime, .required)
            .field("type", .string, .required)
            .field("layer", .string, .required)
            .field("severity", .string, .required)
            .field("subject_type", .string)
            .field("subject_id", .string)
            .field("subject_ref", .string)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("desa_code", .string)
            .field("title_id", .string, .required)
            .field("title_en", .string, .required)
            .field("payload", .string, .required)
            .field("audience", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        // The prune job's range, and the withdrawal of a subject's public events when it becomes confidential.
        try await sql.create(index: "events_occurred_at").on(StoredEvent.schema).column("occurred_at").run()
        try await sql.create(index: "events_subject").on(StoredEvent.schema).column("subject_id").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(StoredEvent.schema).delete()
    }
}
