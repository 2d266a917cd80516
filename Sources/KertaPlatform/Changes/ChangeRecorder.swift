import Fluent
import Foundation
import SQLKit

/// The one way a state change is written in Kerta. `record` runs the change in a transaction and, before
/// it commits, appends what the change collected in its ``ChangeSet``: the hash-chained audit entries, the
/// outbox messages and the events. So a change, its trail, its messages and its announcement are stored
/// together or not at all, and nothing else in Kerta writes audit, outbox or event rows.
///
/// Events are announced after the commit: on PostgreSQL by `NOTIFY`, which PostgreSQL delivers only when
/// the transaction commits (a rolled-back change is never announced) and which every server's listener
/// hears; and to this process's hub directly, so its own subscribers do not wait for the round trip.
package struct ChangeRecorder: Sendable {
    package let db: any Database
    package let hub: EventHub?

    package init(db: any Database, hub: EventHub? = nil) {
        self.db = db
        self.hub = hub
    }

    /// The PostgreSQL channel the event ids are announced on.
    package static let channel = "kerta_events"
    /// Held from the events' insert to the commit, so events commit in the order of their ids and a reader
    /// asking for "everything after N" can never miss an event that commits later with a smaller id.
    package static let eventOrderLock: Int64 = 0x6B65_7274_615F_6576 // "kerta_ev"

    /// `readsBeforeWriting`: the change looks rows up before it writes and runs often at once (a gauge
    /// network's posts). SQLite then takes its write lock first: a transaction that reads and then writes fails
    /// "busy in snapshot" when another write commits in between, one that starts with a write waits its turn.
    package func record<T: Sendable>(readsBeforeWriting: Bool = false,
                                     _ change: @escaping @Sendable (any Database, ChangeSet) async throws -> T) async throws -> T {
        let (result, announced) = try await db.transaction { tx -> (T, Bool) in
            if readsBeforeWriting, !tx.isPostgres {
                try await (tx as! any SQLDatabase).raw("UPDATE \(ident: Setting.schema) SET \"key\" = \"key\" WHERE 1 = 0").run()
            }
            let set = ChangeSet()
            let result = try await change(tx, set)
            return (result, try await Self.write(set, on: tx))
        }
        if announced { await hub?.poke() }
        return result
    }

    /// Appends the collected rows; returns whether there were events to announce.
    private static func write(_ set: ChangeSet, on tx: any Database) async throws -> Bool {
        let sql = tx as! any SQLDatabase
        if !set.entries.isEmpty {
            try await sql.insertRows(into: AuditEntry.schema, columns: AuditEntry.quotedColumnNames, rows: set.entries.map(\.columnValues))
            for entry in set.entries { entry.$id.exists = true }
        }
        if !set.messages.isEmpty {
            for message in set.messages where message.id == nil { message.id = UUID() }
            try await sql.insertRows(into: OutboxMessage.schema, columns: OutboxMessage.quotedColumnNames, rows: set.messages.map(\.columnValues))
            for message in set.messages { message.$id.exists = true }
        }
        let store = EventStore(db: sql)
        for subject in set.withdrawn {
            try await store.withdrawFromPublic(subjectType: subject.type, subjectID: subject.id, to: subject.audience)
        }
        guard !set.events.isEmpty else { return false }
        let postgres = sql.dialect.name == "postgresql"
        if postgres {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: eventOrderLock))").run()
        }
        var last: Int64 = 0
        for event in set.events {
            last = try await store.insert(event)
        }
        if postgres {
            try await sql.raw("SELECT pg_notify(\(bind: channel), \(bind: String(last)))").run()
        }
        return true
    }

    /// Histories made elsewhere and already chained (``ChangeSet/chainedEntry``): `kerta generate`'s bulk data.
    package static func importHistory(_ entries: [AuditEntry], on db: any Database) async throws {
        guard !entries.isEmpty else { return }
        try await (db as! any SQLDatabase).insertRows(into: AuditEntry.schema, columns: AuditEntry.quotedColumnNames, rows: entries.map(\.columnValues))
    }
}
