import Fluent
import SQLKit

package struct CreateApiKeyUse: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(ApiKeyUse.schema)
            .id()
            .field("api_key_id", .uuid, .required, .references(ApiKey.schema, "id", onDelete: .cascade))
            .field("at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "api_key_uses_key_idx").on(ApiKeyUse.schema).column("api_key_id").column("at").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(ApiKeyUse.schema).delete()
    }
}
