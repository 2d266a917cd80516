import Fluent
import Foundation
import KertaCore
import KertaPlatform

/// The gauges as people see them, and the operators' one change to them: a new version of a scale.
package struct FloodService: Sendable {
    package let db: any Database
    package let now: @Sendable () -> Date

    package init(db: any Database, now: @escaping @Sendable () -> Date) {
        self.db = db
        self.now = now
    }

    /// Every gauge with the scale in force now, upstream to downstream as the reference lists them.
    package func gauges(language: Language, staBase: String) async throws -> [GaugeView] {
        let gauges = try await FloodGauge.query(on: db).sort(\.$code).all()
        let versions = try await FloodThreshold.query(on: db).filter(\.$effectiveFrom <= now()).sort(\.$effectiveFrom).sort(\.$createdAt).all()
        var current: [UUID: FloodThreshold] = [:]
        for version in versions { current[version.gaugeID] = version }
        return gauges.map { GaugeView($0, version: $0.id.flatMap { current[$0] }, language: language, staBase: staBase) }
    }

    /// An operator sets (or revises) a gauge's scale from `effectiveFrom`; the earlier versions stay on record.
    /// A scale in force at once judges the gauge's last reading again: the level it shows is the new scale's.
    package func setThresholds(code: String, _ thresholds: FloodThresholds, effectiveFrom: Date?, basis: String, by user: User,
                               hub: EventHub? = nil) async throws -> FloodThreshold {
        guard WarningWorkflow.mayDraft(user.role) else { throw DomainError.forbidden }
        guard let gauge = try await FloodGauge.query(on: db).filter(\.$code == code).first() else {
            throw DomainError(.notFound, code: "not_found", id: "Alat ukur \(code) tidak ditemukan.", en: "No gauge \(code).")
        }
        let basis = basis.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !basis.isEmpty, basis.count <= 500 else {
            throw DomainError.input(field: "basis", id: "Sebutkan dasar ambang ini (surat, kajian, pengamatan).",
                                    en: "Say what the scale rests on (a letter, a study, observation).")
        }
        let now = now()
        let version = FloodThreshold(gaugeID: try gauge.requireID(), status: .operatorSet, thresholds: thresholds,
                                     effectiveFrom: effectiveFrom ?? now, basis: basis, setBy: user.name, createdAt: now)
        try await ChangeRecorder(db: db, hub: hub).record { tx, change in
            try await version.create(on: tx)
            try await tx.lockRows(FloodGauge.schema, in: [try gauge.requireID()])
            // Read again inside the change: a reading may have moved the gauge since.
            guard version.effectiveFrom <= now, let gauge = try await FloodGauge.find(gauge.id, on: tx), let value = gauge.lastValue else { return }
            let level = FloodClassifier(thresholds: thresholds, hysteresis: gauge.hysteresisCM).level(for: value, previous: .normal)
            guard level != gauge.level else { return }
            let previous = gauge.level
            gauge.level = level
            gauge.levelSince = now
            gauge.updatedAt = now
            try await gauge.update(on: tx)
            change.announce(.gauge("flood.level_changed", gauge, severity: EventDraft.severity(of: level),
                                   title: LocalizedText(id: "\(gauge.name): \(level.word.id) menurut ambang baru, +\(FloodMonitor.cm(value)) cm",
                                                        en: "\(gauge.name): \(level.word.en) by the new scale, +\(FloodMonitor.cm(value)) cm"),
                                   payload: ["previous": .text(previous.code), "value_cm": .number(value)], at: now))
        }
        return version
    }
}
