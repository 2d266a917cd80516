import Fluent
import KertaCore
import SQLKit
import Vapor

/// Migrating and seeding, shared by `serve` (on start), `migrate` and `seed`.
enum DatabaseMaintenance {
    /// Brings the schema up to date. On PostgreSQL an advisory lock lets only one process migrate at a time,
    /// so several servers started together do not race to create the same tables.
    static func migrate(_ app: Application) async throws {
        guard let sql = app.db as? any SQLDatabase, sql.dialect.name == "postgresql" else {
            try await app.autoMigrate()
            return
        }
        let lockKey = 0x4B_45_52_54_41 // "KERTA"
        try await app.db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                let locked = connection as! any SQLDatabase
                try await locked.raw("SELECT pg_advisory_lock(\(bind: lockKey))").run()
                do {
                    try await app.autoMigrate()
                } catch {
                    try? await locked.raw("SELECT pg_advisory_unlock(\(bind: lockKey))").run()
                    throw error
                }
                try await locked.raw("SELECT pg_advisory_unlock(\(bind: lockKey))").run()
            }
        }.get()
        await app.areaDirectory.invalidate()
    }

    /// The reference data this installation uses: a configured folder, or the Denpasar set built in.
    static func referenceData(_ configuration: KertaConfiguration) throws -> ReferenceData {
        let directory: URL
        if let configured = configuration.referenceDirectory {
            directory = URL(fileURLWithPath: configured, isDirectory: true)
        } else if let bundled = Bundle.module.url(forResource: "ReferenceData", withExtension: nil) {
            directory = bundled
        } else {
            throw Abort(.internalServerError, reason: "the built-in reference data is missing from this build")
        }
        return try ReferenceData.load(from: directory, city: configuration.city)
    }

    /// Loads reference data, then the demo when it is enabled and was never seeded.
    @discardableResult
    static func seed(_ app: Application, demo: Bool) async throws -> (reference: ReferenceSeeder.Report, demoSeeded: Bool) {
        let report = try await ReferenceSeeder(data: referenceData(app.kertaConfiguration)).seed(on: app.db)
        await app.areaDirectory.invalidate()
        var demoSeeded = false
        if demo {
            demoSeeded = try await DemoSeeder(passwordHasher: app.password.sync).seedIfNeeded(on: app.db)
        }
        return (report, demoSeeded)
    }
}
