import Fluent

package struct CreateApiKey: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(ApiKey.schema)
            .id()
            .field("name", .string, .required)
            .field("key_hash", .string, .required)
            .field("prefix", .string, .required)
            .field("rate_per_minute", .int, .required)
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .unique(on: "key_hash")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(ApiKey.schema).delete()
    }
}
