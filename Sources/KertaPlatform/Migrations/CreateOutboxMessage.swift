import Fluent
import SQLKit

package struct CreateOutboxMessage: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema)
            .id()
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("complaint_ticket", .string)
            .field("created_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("last_error", .string)
            .create()
        try await (database as! any SQLDatabase).create(index: "outbox_pending_idx")
            .on(OutboxMessage.schema).column("sent_at").column("next_attempt_at").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema).delete()
    }
}
