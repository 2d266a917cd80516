import Fluent
import Foundation
import KertaPlatform
import SQLKit

/// Every write of sensor data, from the API, the demo and the simulation alike: one transaction holding
/// the rows, the Datastreams' time spans, the flood rules' verdicts and their events.
package enum SensorWrites {
    @discardableResult
    static func record<T: Sendable>(on db: any Database, hub: EventHub?, monitor: FloodMonitor, now: Date,
                                    _ body: @escaping @Sendable (STAWriter, any SQLDatabase) async throws -> T) async throws -> T {
        try await ChangeRecorder(db: db, hub: hub).record { tx, change in
            let sql = tx as! any SQLDatabase
            // SQLite: take the write lock first. A transaction that reads (does the Datastream exist?) before it
            // writes fails with "busy in snapshot" when another write commits in between; one that starts
            // with a write waits its turn instead.
            if !tx.isPostgres { try await sql.raw("UPDATE \"sta_things\" SET \"id\" = \"id\" WHERE 0 = 1").run() }
            let writer = STAWriter(db: sql, now: now)
            let result = try await body(writer, sql)
            if !writer.observations.isEmpty {
                try await writer.widenStreams()
                let readings = writer.observations.compactMap { observation in
                    observation.number.map { FloodMonitor.Reading(stream: observation.datastreamID, at: observation.time, value: $0) }
                }
                try await monitor.process(readings, on: tx, change: change, now: now)
            }
            return result
        }
    }
}
