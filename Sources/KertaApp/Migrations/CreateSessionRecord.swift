import Fluent

/// Web sign-in sessions live in the database, so any server answers any page.
struct CreateSessionRecord: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await SessionRecord.migration.prepare(on: database).get()
    }

    func revert(on database: any Database) async throws {
        try await SessionRecord.migration.revert(on: database).get()
    }
}
