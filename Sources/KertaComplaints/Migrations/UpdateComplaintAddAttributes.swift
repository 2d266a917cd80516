import Fluent
import KertaPlatform

package struct UpdateComplaintAddAttributes: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Complaint.schema).field("attributes", .string).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Complaint.schema).deleteField("attributes").update()
    }
}
