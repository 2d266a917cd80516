import Fluent

/// Web sign-in sessions live in the database, so any server answers any page.
package struct CreateSessionRecord: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await SessionRecord.migration.prepare(on: database).get()
    }

    package func revert(on database: any Database) async throws {
        try await SessionRecord.migration.revert(on: database).get()
    }
}
