import Fluent

/// Once an admin edits a category, reseeding the reference data leaves it alone.
struct UpdateCategoryAddEditedAt: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Category.schema).field("edited_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Category.schema).deleteField("edited_at").update()
    }
}
