import Fluent

package struct CreateHoliday: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(HolidayDate.schema)
            .id()
            .field("date", .string, .required)
            .field("name_id", .string, .required)
            .field("name_en", .string, .required)
            .field("kind", .string, .required)
            .field("non_working", .bool, .required)
            .unique(on: "date", "kind", "name_id")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(HolidayDate.schema).delete()
    }
}
