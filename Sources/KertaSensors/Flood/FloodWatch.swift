import Fluent
import Foundation
import KertaCore
import KertaPlatform

/// The silence rule, run with the server's jobs: a gauge that has not reported within its expected interval
/// is marked offline and announced once; its next reading brings it back (``FloodMonitor``).
package struct FloodWatch: Sendable {
    package let db: any Database
    package let hub: EventHub?
    package let now: @Sendable () -> Date

    package init(db: any Database, hub: EventHub?, now: @escaping @Sendable () -> Date) {
        self.db = db
        self.hub = hub
        self.now = now
    }

    /// How many gauges went offline in this pass.
    @discardableResult
    package func run() async throws -> Int {
        let now = now()
        let quiet = try await FloodGauge.query(on: db).filter(\.$offlineSince == nil).filter(\.$lastAt != nil).all()
            .filter { GaugeSilence.isOffline(lastReport: $0.lastAt, expectedInterval: TimeInterval($0.expectedIntervalSeconds), now: now) }
        for gauge in quiet {
            try await ChangeRecorder(db: db, hub: hub).record { tx, change in
                try await tx.lockRows(FloodGauge.schema, in: [try gauge.requireID()])
                guard let current = try await FloodGauge.find(gauge.id, on: tx), current.offlineSince == nil, let last = current.lastAt,
                      GaugeSilence.isOffline(lastReport: last, expectedInterval: TimeInterval(current.expectedIntervalSeconds), now: now) else { return }
                current.offlineSince = now
                current.updatedAt = now
                try await current.update(on: tx)
                let minutes = Int(now.timeIntervalSince(last) / 60)
                change.announce(.gauge("flood.gauge_offline", current, severity: current.level >= .siaga ? .high : .medium,
                                       title: LocalizedText(id: "\(current.name): alat ukur tidak mengirim data \(minutes) menit",
                                                            en: "\(current.name): no reading for \(minutes) minutes"),
                                       payload: ["silent_minutes": .number(Double(minutes))], at: now))
            }
        }
        return quiet.count
    }
}
