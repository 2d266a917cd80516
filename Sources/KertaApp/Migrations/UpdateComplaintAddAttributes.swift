import Fluent

struct UpdateComplaintAddAttributes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Complaint.schema).field("attributes", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Complaint.schema).deleteField("attributes").update()
    }
}
