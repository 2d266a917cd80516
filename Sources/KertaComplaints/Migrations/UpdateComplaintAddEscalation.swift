import Fluent
import KertaPlatform

/// When a supervisor last escalated a complaint by hand, and in which stage (``ComplaintEscalation``).
/// The deadline job's automatic escalations keep using `overdue_at`.
package struct UpdateComplaintAddEscalation: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        // One column per statement: SQLite alters a table one change at a time.
        try await database.schema(Complaint.schema).field("escalated_at", .datetime).update()
        try await database.schema(Complaint.schema).field("escalated_stage", .string).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Complaint.schema).deleteField("escalated_stage").update()
        try await database.schema(Complaint.schema).deleteField("escalated_at").update()
    }
}
