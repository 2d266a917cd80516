import Fluent
import KertaPlatform

package struct CreateRoutingOverride: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(RoutingOverride.schema)
            .id()
            .field("category_code", .string, .required, .references(Category.schema, "code"))
            .field("kecamatan_code", .string, .required)
            .field("agency_code", .string, .required, .references(Agency.schema, "code"))
            .unique(on: "category_code", "kecamatan_code")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(RoutingOverride.schema).delete()
    }
}
