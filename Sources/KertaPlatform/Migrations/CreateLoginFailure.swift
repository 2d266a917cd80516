import Fluent
import SQLKit

package struct CreateLoginFailure: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(LoginFailure.schema)
            .id()
            .field("email", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "login_failures_email_idx")
            .on(LoginFailure.schema).column("email").column("at").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(LoginFailure.schema).delete()
    }
}
