import Fluent
import KertaPlatform
import SQLKit

package struct CreateWarning: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Warning.schema)
            .id()
            .field("state", .string, .required)
            .field("msg_type", .string, .required)
            .field("references_id", .uuid)
            .field("content", .string, .required)
            .field("alarm_id", .uuid)
            .field("expires_at", .datetime, .required)
            .field("drafted_by_id", .uuid, .required)
            .field("drafted_by_name", .string, .required)
            .field("approved_by_id", .uuid)
            .field("approved_by_name", .string)
            .field("approved_at", .datetime)
            .field("published_by_name", .string)
            .field("identifier", .string)
            .field("sent_at", .datetime)
            .field("alert", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("audit_head", .string, .required)
            .field("audit_count", .int, .required)
            .unique(on: "identifier")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX \"warnings_state_sent\" ON \"warnings\" (\"state\", \"sent_at\")").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Warning.schema).delete()
    }
}
