import Fluent

package struct CreateUser: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("name", .string, .required)
            .field("phone", .string)
            .field("role", .string, .required)
            .field("agency_code", .string, .references(Agency.schema, "code"))
            .field("is_demo", .bool, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(User.schema).delete()
    }
}
