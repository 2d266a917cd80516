import Fluent
import SQLKit

/// Keys made before scopes were Open311 keys.
package struct UpdateApiKeyAddScope: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(ApiKey.schema).field("scope", .string, .required, .sql(.default("open311"))).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(ApiKey.schema).deleteField("scope").update()
    }
}
