import Fluent
import KertaCore
import SQLKit
import Vapor
import KertaPlatform
import KertaComplaints
import KertaCommand
import KertaSensors

/// Migrating and seeding, shared by `serve` (on start), `migrate` and `seed`.
package enum DatabaseMaintenance {
    /// Brings the schema up to date.
    package static func migrate(_ app: Application) async throws {
        try await useWriteAheadLog(app)
        try await exclusively(app) { try await app.autoMigrate() }
        await app.areaDirectory.invalidate()
    }

    /// A SQLite file in write-ahead-log mode lets pages and lists be read while a complaint is written;
    /// in the default rollback-journal mode every write stopped all readers (BENCHMARKS.md). The mode is
    /// kept in the file, so setting it with every migration (serve's on start, or `kerta migrate`) is enough.
    package static func useWriteAheadLog(_ app: Application) async throws {
        guard case .sqlite(let path?) = app.kertaConfiguration.database, let sql = app.db as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        app.logger.debug("SQLite \(path) in write-ahead-log mode")
    }

    /// Runs schema and data maintenance while holding a PostgreSQL advisory lock, so several servers
    /// started together take turns instead of racing to create the same tables and rows; the later ones
    /// then find the work done. SQLite has a single writer anyway.
    package static func exclusively<T: Sendable>(_ app: Application, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let sql = app.db as? any SQLDatabase, sql.dialect.name == "postgresql" else {
            return try await work()
        }
        let lockKey = 0x4B_45_52_54_41 // "KERTA"
        return try await app.db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                let locked = connection as! any SQLDatabase
                try await locked.raw("SELECT pg_advisory_lock(\(bind: lockKey))").run()
                let result: T
                do {
                    result = try await work()
                } catch {
                    try? await locked.raw("SELECT pg_advisory_unlock(\(bind: lockKey))").run()
                    throw error
                }
                try await locked.raw("SELECT pg_advisory_unlock(\(bind: lockKey))").run()
                return result
            }
        }.get()
    }

    /// The reference data this installation uses: a configured folder, or the Denpasar set built in.
    package static func referenceData(_ configuration: KertaConfiguration) throws -> ReferenceData {
        try ReferenceData.load(from: try referenceDirectory(configuration), city: configuration.city)
    }

    package static func referenceDirectory(_ configuration: KertaConfiguration) throws -> URL {
        if let configured = configuration.referenceDirectory {
            return URL(fileURLWithPath: configured, isDirectory: true)
        } else if let bundled = Bundle.module.url(forResource: "ReferenceData", withExtension: nil) {
            return bundled
        }
        throw Abort(.internalServerError, reason: "the built-in reference data is missing from this build")
    }

    /// Loads reference data, then the demo when it is enabled and was never seeded.
    @discardableResult
    package static func seed(_ app: Application, demo: Bool, demoComplaints: Bool = true) async throws -> (reference: ReferenceSeeder.Report, demoSeeded: Bool) {
        let data = try referenceData(app.kertaConfiguration)
        let result = try await exclusively(app) {
            let report = try await ReferenceSeeder(data: data).seed(on: app.db)
            var demoSeeded = false
            if demo {
                demoSeeded = try await DemoSeeder(passwordHasher: app.password.sync, clock: app.kertaClock).seedIfNeeded(on: app.db)
                if demoSeeded {
                    // The rivers' gauges always; their day of readings and the past warning with the full demo.
                    let room = try await User.query(on: app.db).filter(\.$email ~~ ["operator@kerta.example", "pimpinan@kerta.example"]).all()
                    try await DemoGaugeSeeder(db: app.db, referenceDirectory: try referenceDirectory(app.kertaConfiguration).path, now: app.kertaClock.now())
                        .seed(history: demoComplaints, operatorUser: room.first { $0.role == .operator }, supervisor: room.first { $0.role == .supervisor })
                }
                if demoSeeded && demoComplaints {
                    await app.areaDirectory.invalidate()
                    await app.calendarStore.invalidate()
                    try await DemoComplaintSeeder(app: app, now: app.kertaClock.now()).seed()
                    // The jobs a live city would have run all along: stages past their deadline escalated,
                    // and the command room's alarms raised for what is overdue now.
                    _ = try await DeadlineJob(service: app.complaintService(on: app.db)).run()
                    _ = try await app.alarmEngine.run(on: app.db)
                }
            }
            return SeedOutcome(reference: report, demoSeeded: demoSeeded)
        }
        await app.areaDirectory.invalidate()
        await app.calendarStore.invalidate()
        await app.kertaCaches.referenceChanged()
        await app.kertaCaches.statusCounts.removeAll()
        return (result.reference, result.demoSeeded)
    }

    private struct SeedOutcome: Sendable {
        package var reference: ReferenceSeeder.Report
        package var demoSeeded: Bool
    }
}
