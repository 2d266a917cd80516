import Fluent
import Foundation
import KertaCore
import KertaPlatform
import SQLKit

/// Runs the alarm rules: reads the events logged since its last pass, asks every ``AlarmSource`` what to
/// raise, raises it (deduplicated), and brings back shelved alarms whose time is up. Its place in the
/// event log is kept in `settings` after each batch, and every event-caused trigger names its event, so a pass
/// read again after a failure or a restart neither misses an event nor counts one twice.
///
/// On PostgreSQL one server at a time runs it (an advisory lock held for the pass), so two servers never
/// raise the same alarm twice.
package struct AlarmEngine: Sendable {
    package struct Report: Sendable, Equatable, CustomStringConvertible {
        package var events = 0
        package var raised = 0
        package var repeated = 0
        package var returned = 0
        package var cleared = 0
        package init() {}
        package var description: String {
            "\(events) events read, \(raised) alarms raised, \(repeated) repeated, \(cleared) cleared, \(returned) back from shelving"
        }
    }

    package static let cursorKey = "alarms.event_cursor"
    /// With the schema's name beside it: deployments (and tests) sharing one database in several schemas
    /// each have an engine of their own.
    private static let passLock: Int32 = 0x6B_616C // "kal"

    package let sources: [any AlarmSource]
    package let hub: EventHub?
    package let now: @Sendable () -> Date

    package init(sources: [any AlarmSource], hub: EventHub?, now: @escaping @Sendable () -> Date) {
        self.sources = sources
        self.hub = hub
        self.now = now
    }

    package func run(on db: any Database, batch: Int = 1000) async throws -> Report {
        guard db.isPostgres else { return try await pass(on: db, batch: batch) }
        return try await db.withConnection { connection in
            let sql = connection as! any SQLDatabase
            let row = try await sql.raw("SELECT pg_try_advisory_lock(\(bind: Self.passLock), hashtext(current_schema())) AS \"locked\"").first()
            guard try row?.decode(column: "locked", as: Bool.self) == true else { return Report() }
            do {
                let report = try await pass(on: connection, batch: batch)
                _ = try await sql.raw("SELECT pg_advisory_unlock(\(bind: Self.passLock), hashtext(current_schema()))").run()
                return report
            } catch {
                _ = try? await sql.raw("SELECT pg_advisory_unlock(\(bind: Self.passLock), hashtext(current_schema()))").run()
                throw error
            }
        }
    }

    private func pass(on db: any Database, batch: Int) async throws -> Report {
        var report = Report()
        let service = AlarmService(db: db, hub: hub, now: now)
        let store = EventStore(db: db as! any SQLDatabase)
        var cursor = Int64(try await Setting.find(Self.cursorKey, on: db)?.value ?? "0") ?? 0
        var first = true
        while true {
            let stored = try await store.views(after: cursor, filter: nil, limit: batch)
            // State rules run once per pass even with no new events (a complaint that has now waited too long).
            if stored.isEmpty && !first { break }
            first = false
            let events = stored.filter { $0.layer != EventLayer.alarms.rawValue }
            report.events += events.count
            let time = now()
            for source in sources {
                for trigger in try await source.triggers(after: events, now: time, on: db) {
                    if trigger.clears {
                        if try await service.clear(trigger) { report.cleared += 1 }
                        continue
                    }
                    switch try await service.raise(trigger).1 {
                    case .raised: report.raised += 1
                    case .repeated: report.repeated += 1
                    case .unchanged: break
                    }
                }
            }
            guard let last = stored.last?.id else { break }
            cursor = last
            try await Self.save(cursor, on: db)
            if stored.count < batch { break }
        }
        report.returned = try await service.returnExpiredShelves()
        return report
    }

    private static func save(_ cursor: Int64, on db: any Database) async throws {
        if let setting = try await Setting.find(cursorKey, on: db) {
            setting.value = String(cursor)
            try await setting.update(on: db)
        } else {
            try await Setting(key: cursorKey, value: String(cursor)).create(on: db)
        }
    }
}
