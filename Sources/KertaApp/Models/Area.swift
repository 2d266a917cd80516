import Fluent
import KertaCore

/// The city, a kecamatan or a desa/kelurahan, with its boundary.
final class Area: Model, @unchecked Sendable {
    static let schema = "areas"

    /// The Kemendagri code without dots.
    @ID(custom: "code", generatedBy: .user) var id: String?

    // Identity
    @Field(key: "name") var name: String
    @Field(key: "level") var level: String
    @OptionalField(key: "parent_code") var parentCode: String?
    /// `desa` or `kelurahan` for the lowest level.
    @OptionalField(key: "kind") var kind: String?

    // Geometry: a box for cheap filtering, the exact boundary as GeoJSON text for any engine.
    @Field(key: "centroid_lat") var centroidLatitude: Double
    @Field(key: "centroid_lon") var centroidLongitude: Double
    @Field(key: "min_lat") var minLatitude: Double
    @Field(key: "min_lon") var minLongitude: Double
    @Field(key: "max_lat") var maxLatitude: Double
    @Field(key: "max_lon") var maxLongitude: Double
    @Field(key: "geometry") var geometry: String

    init() {}

    init(record: AreaRecord) {
        id = record.code
        apply(record)
    }

    func apply(_ record: AreaRecord) {
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
