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
    package func setThresholds(code: String, _ thresholds: FloodThresholds, effectiveFrom: Date?, basis: String, by user: User) async throws -> FloodThreshold {
        guard WarningWorkflow.mayDraft(user.role) else { throw DomainError.forbidden }
        guard let gauge = try await FloodGauge.query(on: db).filter(\.$code == code).first() else {
            throw DomainError(.notFound, code: "not_found", id: "Alat ukur \(code) tidak ditemukan.", en: "No gauge \(code).")
        }
        let basis = basis.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !basis.isEmpty, basis.count <= 500 else {
            throw DomainError.input(field: "basis", id: "Sebutkan dasar ambang ini (surat, kajian, pengamatan).",
                                    en: "Say what the scale rests on (a letter, a study, observation).")
        }
        let version = FloodThreshold(gaugeID: try gauge.requireID(), status: .operatorSet, thresholds: thresholds,
                                     effectiveFrom: effectiveFrom ?? now(), basis: basis, setBy: user.name, createdAt: now())
        try await version.create(on: db)
        return version
    }
}
