import Fluent
import KertaPlatform

package struct CreateResponseTemplate: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(ResponseTemplate.schema)
            .id()
            .field("category_code", .string, .references(Category.schema, "code", onDelete: .cascade))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(ResponseTemplate.schema).delete()
    }
}
