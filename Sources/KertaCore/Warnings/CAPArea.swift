import Foundation

/// Where a warning applies. Receivers that geofence (phones) use the shapes; those that do not read
/// `areaDesc` and the geocodes, so a good area has both.
public struct CAPArea: Sendable, Equatable, Codable {
    /// The place as people name it, e.g. "Kelurahan Sesetan, Denpasar Selatan".
    public var areaDesc: String
    /// Closed rings, latitude/longitude as CAP orders them; the first point repeats as the last.
    public var polygons: [[GeoPoint]]
    public var circles: [CAPCircle]
    public var geocodes: [CAPNamedValue]
    /// Feet above mean sea level, as CAP counts them; `ceiling` is meaningful only with `altitude`.
    public var altitude: Double?
    public var ceiling: Double?

    public init(areaDesc: String, polygons: [[GeoPoint]] = [], circles: [CAPCircle] = [], geocodes: [CAPNamedValue] = [],
                altitude: Double? = nil, ceiling: Double? = nil) {
        self.areaDesc = areaDesc
        self.polygons = polygons
        self.circles = circles
        self.geocodes = geocodes
        self.altitude = altitude
        self.ceiling = ceiling
    }
}
