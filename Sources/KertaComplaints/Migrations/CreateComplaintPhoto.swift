import Fluent
import SQLKit
import KertaPlatform

package struct CreateComplaintPhoto: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(ComplaintPhoto.schema)
            .id()
            .field("complaint_id", .uuid, .required, .references(Complaint.schema, "id"))
            .field("kind", .string, .required)
            .field("position", .int, .required)
            .field("content_type", .string, .required)
            .field("bytes", .data, .required)
            .field("size", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "complaint_photos_complaint_idx")
            .on(ComplaintPhoto.schema).column("complaint_id").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(ComplaintPhoto.schema).delete()
    }
}
