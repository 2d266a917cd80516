import Fluent
import SQLKit
import KertaPlatform

package struct CreateComplaintUpdate: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(ComplaintUpdate.schema)
            .id()
            .field("complaint_id", .uuid, .required, .references(Complaint.schema, "id"))
            .field("author_id", .uuid)
            .field("author_role", .string, .required)
            .field("author_name", .string, .required)
            .field("body", .string, .required)
            .field("internal", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "complaint_updates_complaint_idx")
            .on(ComplaintUpdate.schema).column("complaint_id").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(ComplaintUpdate.schema).delete()
    }
}
