import Fluent
import Foundation
import KertaCore

/// A river gauge of the early-warning network (an AWLR with a siren, at a bridge or a weir), as the flood
/// rules see it: the SensorThings Thing and Datastreams its readings arrive on, and where its level stands.
package final class FloodGauge: Model, @unchecked Sendable {
    package static let schema = "flood_gauges"

    @ID(key: .id) package var id: UUID?
    /// The reference data's point code (`RIV-01`).
    @Field(key: "code") package var code: String
    @Field(key: "name") package var name: String
    @Field(key: "river") package var river: String
    @Field(key: "point_type") package var pointType: String
    @OptionalField(key: "latitude") package var latitude: Double?
    @OptionalField(key: "longitude") package var longitude: Double?
    @OptionalField(key: "desa_code") package var desaCode: String?
    @OptionalField(key: "desa_name") package var desaName: String?
    @Field(key: "operator") package var operatorName: String
    @Field(key: "thing_id") package var thingID: Int64
    /// Water level, centimetres above the river's normal level.
    @Field(key: "level_stream_id") package var levelStreamID: Int64
    /// Rainfall in millimetres, where a rain gauge stands beside it.
    @OptionalField(key: "rain_stream_id") package var rainStreamID: Int64?
    /// How often it reports; silent longer than this, it is offline.
    @Field(key: "expected_interval_seconds") package var expectedIntervalSeconds: Int
    /// How far below a threshold the water must fall to leave that level.
    @Field(key: "hysteresis_cm") package var hysteresisCM: Double
    @Field(key: "level") package var level: FloodLevel
    @OptionalField(key: "level_since") package var levelSince: Date?
    @OptionalField(key: "last_value") package var lastValue: Double?
    @OptionalField(key: "last_at") package var lastAt: Date?
    /// Set while the rise-rate rule finds it climbing fast; cleared when it no longer does.
    @OptionalField(key: "rising_since") package var risingSince: Date?
    @OptionalField(key: "offline_since") package var offlineSince: Date?
    @Field(key: "updated_at") package var updatedAt: Date

    package init() {}

    package var point: GeoPoint? {
        guard let latitude, let longitude else { return nil }
        return GeoPoint(latitude: latitude, longitude: longitude)
    }
}
