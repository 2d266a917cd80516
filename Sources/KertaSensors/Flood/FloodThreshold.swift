import Fluent
import Foundation
import KertaCore

/// One version of a gauge's alert scale, from the day it takes effect. Rows are only added: the scale a
/// past reading was judged by stays on record when BPBD revises it.
package final class FloodThreshold: Model, @unchecked Sendable {
    package static let schema = "flood_thresholds"

    /// Where the numbers came from: a published scale, an operator's setting, or none published yet.
    package enum Status: String, Codable, Sendable {
        case published
        case operatorSet = "operator_set"
        case notPublished = "not_published"
    }

    @ID(key: .id) package var id: UUID?
    @Field(key: "gauge_id") package var gaugeID: UUID
    @Field(key: "status") package var status: Status
    @OptionalField(key: "waspada_cm") package var waspadaCM: Double?
    @OptionalField(key: "siaga_cm") package var siagaCM: Double?
    @OptionalField(key: "awas_cm") package var awasCM: Double?
    @Field(key: "effective_from") package var effectiveFrom: Date
    @Field(key: "basis") package var basis: String
    @Field(key: "set_by") package var setBy: String
    @Field(key: "created_at") package var createdAt: Date

    package init() {}

    package init(gaugeID: UUID, status: Status, thresholds: FloodThresholds?, effectiveFrom: Date, basis: String, setBy: String, createdAt: Date) {
        id = UUID()
        self.gaugeID = gaugeID
        self.status = status
        waspadaCM = thresholds?.waspada
        siagaCM = thresholds?.siaga
        awasCM = thresholds?.awas
        self.effectiveFrom = effectiveFrom
        self.basis = basis
        self.setBy = setBy
        self.createdAt = createdAt
    }

    /// Nil when none is published.
    package var thresholds: FloodThresholds? {
        guard status != .notPublished, let waspadaCM, let siagaCM, let awasCM else { return nil }
        return try? FloodThresholds(waspada: waspadaCM, siaga: siagaCM, awas: awasCM)
    }
}
