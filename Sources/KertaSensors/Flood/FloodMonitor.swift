import Fluent
import Foundation
import KertaCore
import KertaPlatform
import SQLKit

/// The flood rules at the moment readings arrive, inside the transaction that stores them: each new reading
/// of a gauge is classified against the scale in force, a change of level and a fast rise are announced
/// (and become alarms through ``FloodAlarmSource``), and a silent gauge that speaks again is back online.
package struct FloodMonitor: Sendable {
    package let rise: RiseRate

    /// How far ahead of the server's clock a reading may be and still count.
    static let clockSlack: TimeInterval = 10 * 60

    package init(rise: RiseRate = .denpasar) {
        self.rise = rise
    }

    struct Reading: Sendable {
        let stream: Int64
        let at: Date
        let value: Double
    }

    func process(_ readings: [Reading], on db: any Database, change: ChangeSet, now: Date) async throws {
        // A reading from a logger whose clock runs ahead is stored, but does not judge the river: one from 2099
        // would otherwise make every true reading after it look old.
        let readings = readings.filter { $0.at <= now.addingTimeInterval(Self.clockSlack) }
        let streams = Set(readings.map(\.stream))
        guard !streams.isEmpty else { return }
        // Two servers storing readings of one gauge at once judge it one after the other (PostgreSQL; SQLite's
        // writes are one at a time already).
        try await db.lockRows(FloodGauge.schema, where: "level_stream_id", in: Array(streams))
        let gauges = try await FloodGauge.query(on: db).filter(\.$levelStreamID ~~ Array(streams)).all()
        for gauge in gauges {
            // Only readings newer than the last one seen move the level: a logger replaying its backlog
            // fills the history without sounding yesterday's sirens.
            let fresh = readings.filter { $0.stream == gauge.levelStreamID && $0.at > (gauge.lastAt ?? .distantPast) }.sorted { $0.at < $1.at }
            guard let newest = fresh.last else { continue }
            let scale = try await Self.scale(of: gauge, at: newest.at, on: db)
            for reading in fresh {
                let level = scale.map { FloodClassifier(thresholds: $0, hysteresis: gauge.hysteresisCM).level(for: reading.value, previous: gauge.level) } ?? .normal
                guard level != gauge.level else { continue }
                let previous = gauge.level
                gauge.level = level
                gauge.levelSince = reading.at
                let verb = level > previous ? LocalizedText(id: "naik ke", en: "rose to") : LocalizedText(id: "turun ke", en: "fell to")
                change.announce(.gauge("flood.level_changed", gauge, severity: EventDraft.severity(of: level),
                                       title: LocalizedText(id: "\(gauge.name): \(verb.id) \(level.word.id), +\(Self.cm(reading.value)) cm",
                                                            en: "\(gauge.name): \(verb.en) \(level.word.en), +\(Self.cm(reading.value)) cm"),
                                       payload: ["previous": .text(previous.code), "value_cm": .number(reading.value)], at: reading.at))
            }
            gauge.lastValue = newest.value
            gauge.lastAt = newest.at
            if gauge.offlineSince != nil {
                gauge.offlineSince = nil
                change.announce(.gauge("flood.gauge_online", gauge, severity: .info,
                                       title: LocalizedText(id: "\(gauge.name): alat ukur kembali mengirim data", en: "\(gauge.name): the gauge is reporting again"),
                                       at: newest.at))
            }
            try await checkRise(gauge, newest: newest, on: db, change: change)
            gauge.updatedAt = now
            try await gauge.update(on: db)
        }
    }

    /// The steepest window over its limit, from the last hour of readings (stored, and this request's).
    private func checkRise(_ gauge: FloodGauge, newest: Reading, on db: any Database, change: ChangeSet) async throws {
        let since = newest.at.addingTimeInterval(-3600)
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT "phenomenon_time_start" AS "at", "result_number" AS "value" FROM "sta_observations"
            WHERE "datastream_id" = \(bind: gauge.levelStreamID) AND "phenomenon_time_start" >= \(bind: since)
              AND "phenomenon_time_start" <= \(bind: newest.at) AND "result_number" IS NOT NULL
            ORDER BY "phenomenon_time_start" DESC LIMIT 2000
            """).all()
        // The hour's readings include this request's own, written in the same transaction.
        let readings = try rows.map { RiseRate.Reading(at: try $0.decode(column: "at", as: Date.self), value: try $0.decode(column: "value", as: Double.self)) }
        let finding = rise.finding(in: readings)
        if let finding, gauge.risingSince == nil {
            gauge.risingSince = newest.at
            change.announce(.gauge("flood.rising", gauge, severity: .high,
                                   title: LocalizedText(id: "\(gauge.name): air naik \(Self.cm(finding.rise)) cm dalam \(finding.window.minutes) menit",
                                                        en: "\(gauge.name): water up \(Self.cm(finding.rise)) cm in \(finding.window.minutes) minutes"),
                                   payload: ["window_minutes": .number(Double(finding.window.minutes)), "rise_cm": .number(finding.rise)], at: newest.at))
        } else if finding == nil, gauge.risingSince != nil {
            gauge.risingSince = nil
            change.announce(.gauge("flood.rise_ended", gauge, severity: .info,
                                   title: LocalizedText(id: "\(gauge.name): kenaikan air melambat", en: "\(gauge.name): the rise has slowed"), at: newest.at))
        }
    }

    /// The scale in force at `time`: the newest version effective by then.
    package static func scale(of gauge: FloodGauge, at time: Date, on db: any Database) async throws -> FloodThresholds? {
        try await version(of: gauge, at: time, on: db)?.thresholds
    }

    package static func version(of gauge: FloodGauge, at time: Date, on db: any Database) async throws -> FloodThreshold? {
        try await FloodThreshold.query(on: db).filter(\.$gaugeID == gauge.requireID()).filter(\.$effectiveFrom <= time)
            .sort(\.$effectiveFrom, .descending).sort(\.$createdAt, .descending).first()
    }

    static func cm(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
    }
}
