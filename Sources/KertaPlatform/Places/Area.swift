import Fluent
import KertaCore

/// The city, a kecamatan or a desa/kelurahan, with its boundary.
package final class Area: Model, @unchecked Sendable {
    package static let schema = "areas"

    /// The Kemendagri code without dots.
    @ID(custom: "code", generatedBy: .user) package var id: String?

    // Identity
    @Field(key: "name") package var name: String
    @Field(key: "level") package var level: String
    @OptionalField(key: "parent_code") package var parentCode: String?
    /// `desa` or `kelurahan` for the lowest level.
    @OptionalField(key: "kind") package var kind: String?

    // Geometry: a box for cheap filtering, the exact boundary as GeoJSON text for any engine.
    @Field(key: "centroid_lat") package var centroidLatitude: Double
    @Field(key: "centroid_lon") package var centroidLongitude: Double
    @Field(key: "min_lat") package var minLatitude: Double
    @Field(key: "min_lon") package var minLongitude: Double
    @Field(key: "max_lat") package var maxLatitude: Double
    @Field(key: "max_lon") package var maxLongitude: Double
    @Field(key: "geometry") package var geometry: String

    package init() {}

    package init(record: AreaRecord) {
        id = record.code
        apply(record)
    }

    package func apply(_ record: AreaRecord) {
        name = record.name
        level = record.level.rawValue
        parentCode = record.parentCode
        kind = record.kind
        centroidLatitude = record.centroid.latitude
        centroidLongitude = record.centroid.longitude
        let box = record.shape.boundingBox ?? BoundingBox(minLatitude: 0, minLongitude: 0, maxLatitude: 0, maxLongitude: 0)
        minLatitude = box.minLatitude
        minLongitude = box.minLongitude
        maxLatitude = box.maxLatitude
        maxLongitude = box.maxLongitude
        geometry = record.geometryJSON
    }
}
