import Fluent
import KertaPlatform

/// One row per year holding the last ticket number given; incremented inside the submitting
/// transaction, so tickets are unique and gap-free across servers.
package struct CreateTicketCounter: KertaMigration {
    package init() {}

    package static let schema = "ticket_counters"

    package func prepare(on database: any Database) async throws {
        try await database.schema(Self.schema)
            .field("year", .int, .identifier(auto: false))
            .field("last", .int, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Self.schema).delete()
    }
}
