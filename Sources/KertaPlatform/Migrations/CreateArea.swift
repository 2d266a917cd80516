import Fluent
import SQLKit

package struct CreateArea: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Area.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("level", .string, .required)
            .field("parent_code", .string)
            .field("kind", .string)
            .field("centroid_lat", .double, .required)
            .field("centroid_lon", .double, .required)
            .field("min_lat", .double, .required)
            .field("min_lon", .double, .required)
            .field("max_lat", .double, .required)
            .field("max_lon", .double, .required)
            .field("geometry", .string, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "areas_level_idx").on(Area.schema).column("level").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Area.schema).delete()
    }
}
