import Foundation

/// An axis-aligned box in degrees: a cheap first test before exact geometry, and an index-friendly
/// filter on stored latitude/longitude columns.
public struct BoundingBox: Hashable, Sendable, Codable {
    public var minLatitude: Double
    public var minLongitude: Double
    public var maxLatitude: Double
    public var maxLongitude: Double

    public init(minLatitude: Double, minLongitude: Double, maxLatitude: Double, maxLongitude: Double) {
        self.minLatitude = minLatitude
        self.minLongitude = minLongitude
        self.maxLatitude = maxLatitude
        self.maxLongitude = maxLongitude
    }

    /// The smallest box around `points`; nil when there are none.
    public init?(enclosing points: some Sequence<GeoPoint>) {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return nil }
        self.init(minLatitude: first.latitude, minLongitude: first.longitude, maxLatitude: first.latitude, maxLongitude: first.longitude)
        while let p = iterator.next() {
            minLatitude = min(minLatitude, p.latitude)
            maxLatitude = max(maxLatitude, p.latitude)
            minLongitude = min(minLongitude, p.longitude)
            maxLongitude = max(maxLongitude, p.longitude)
        }
    }

    /// The box reaching `metres` from `center` in every direction.
    public init(around center: GeoPoint, radius metres: Double) {
        let dLat = metres / 111_320
        let dLon = metres / (111_320 * max(cos(center.latitude * .pi / 180), 0.000_001))
        self.init(minLatitude: center.latitude - dLat, minLongitude: center.longitude - dLon,
                  maxLatitude: center.latitude + dLat, maxLongitude: center.longitude + dLon)
    }

    /// Parses `minLon,minLat,maxLon,maxLat`, the order GeoJSON and web maps use for `bbox`.
    public init?(commaSeparated string: String) {
        let numbers = string.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 4, let minLon = numbers[0], let minLat = numbers[1], let maxLon = numbers[2], let maxLat = numbers[3],
              minLat <= maxLat, minLon <= maxLon,
              GeoPoint(latitude: minLat, longitude: minLon).isValid, GeoPoint(latitude: maxLat, longitude: maxLon).isValid
        else { return nil }
        self.init(minLatitude: minLat, minLongitude: minLon, maxLatitude: maxLat, maxLongitude: maxLon)
    }

    public func contains(_ point: GeoPoint) -> Bool {
        (minLatitude...maxLatitude).contains(point.latitude) && (minLongitude...maxLongitude).contains(point.longitude)
    }
}
