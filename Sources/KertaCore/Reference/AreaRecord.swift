import Foundation

/// A kota, kecamatan or desa/kelurahan with its boundary, as the reference GeoJSON holds it.
public struct AreaRecord: Sendable {
    /// Kemendagri code without dots: 4 digits for the kota, 6 for a kecamatan, 10 for a desa.
    public let code: String
    public let name: String
    public let level: AreaLevel
    /// The kecamatan of a desa, the kota of a kecamatan, nil for the kota.
    public let parentCode: String?
    /// `desa` or `kelurahan` for level desa: a kelurahan is run by the city, a desa by its villagers.
    public let kind: String?
    public let centroid: GeoPoint
    public let shape: MultiPolygon
    /// The geometry as GeoJSON text, kept verbatim so it can be served and stored without loss.
    public let geometryJSON: String

    public init(code: String, name: String, level: AreaLevel, parentCode: String?, kind: String?, centroid: GeoPoint,
                shape: MultiPolygon, geometryJSON: String) {
        self.code = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
        self.kind = kind
        self.centroid = centroid
        self.shape = shape
        self.geometryJSON = geometryJSON
    }
}
