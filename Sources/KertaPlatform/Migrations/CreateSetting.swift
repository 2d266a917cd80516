import Fluent

package struct CreateSetting: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Setting.schema)
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Setting.schema).delete()
    }
}
