import Fluent
import KertaPlatform

/// Once an admin edits a category, reseeding the reference data leaves it alone.
package struct UpdateCategoryAddEditedAt: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Category.schema).field("edited_at", .datetime).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Category.schema).deleteField("edited_at").update()
    }
}
