import Fluent

package struct CreateAgency: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Agency.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name_id", .string, .required)
            .field("name_en", .string, .required)
            .field("kind", .string, .required)
            .field("intake", .string, .required)
            .field("notes", .string, .required)
            .field("active", .bool, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Agency.schema).delete()
    }
}
