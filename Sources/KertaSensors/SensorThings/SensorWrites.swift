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
        try await ChangeRecorder(db: db, hub: hub).record(readsBeforeWriting: true) { tx, change in
            let sql = tx as! any SQLDatabase
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
