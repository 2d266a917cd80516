import Fluent
import KertaPlatform

package struct CreateComplaintFollower: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(ComplaintFollower.schema)
            .id()
            .field("complaint_id", .uuid, .required, .references(Complaint.schema, "id"))
            .field("user_id", .uuid)
            .field("email", .string)
            .field("via_ticket", .string)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(ComplaintFollower.schema).delete()
    }
}
