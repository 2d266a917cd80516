import Fluent
import KertaPlatform
import SQLKit

package struct CreateAlarm: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Alarm.schema)
            .id()
            .field("type", .string, .required)
            .field("source", .string, .required)
            .field("priority", .string, .required)
            .field("title_id", .string, .required)
            .field("title_en", .string, .required)
            .field("subject_type", .string)
            .field("subject_ref", .string)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("desa_code", .string)
            .field("agency_code", .string)
            .field("confidential", .bool, .required)
            .field("last_event_id", .int64)
            .field("raised_at", .datetime, .required)
            .field("state", .string, .required)
            .field("count", .int, .required)
            .field("first_at", .datetime, .required)
            .field("last_at", .datetime, .required)
            .field("acknowledged_at", .datetime)
            .field("assignee_id", .uuid)
            .field("assignee_name", .string)
            .field("resolved_at", .datetime)
            .field("closed_at", .datetime)
            .field("shelved_until", .datetime)
            .field("shelve_reason", .string)
            .field("updated_at", .datetime, .required)
            .field("audit_head", .string, .required)
            .field("audit_count", .int, .required)
            .create()
        let sql = database as! any SQLDatabase
        // The deduplication look-up (type and source among the active), and the panel's list.
        try await sql.raw("CREATE INDEX \"alarms_type_source\" ON \"alarms\" (\"type\", \"source\", \"state\")").run()
        try await sql.raw("CREATE INDEX \"alarms_state_last\" ON \"alarms\" (\"state\", \"last_at\")").run()
        try await database.schema(AlarmNote.schema)
            .id()
            .field("alarm_id", .uuid, .required, .references(Alarm.schema, "id"))
            .field("at", .datetime, .required)
            .field("author", .string, .required)
            .field("body", .string, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(AlarmNote.schema).delete()
        try await database.schema(Alarm.schema).delete()
    }
}
