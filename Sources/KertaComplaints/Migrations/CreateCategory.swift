import Fluent
import KertaPlatform

package struct CreateCategory: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Category.schema)
            .field("code", .string, .identifier(auto: false))
            .field("group_id", .string, .required)
            .field("group_en", .string, .required)
            .field("name_id", .string, .required)
            .field("name_en", .string, .required)
            .field("agency_code", .string, .required, .references(Agency.schema, "code"))
            .field("secondary_agency_code", .string, .references(Agency.schema, "code"))
            .field("priority", .string, .required)
            .field("emergency_112", .string, .required)
            .field("active", .bool, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Category.schema).delete()
    }
}
