import Foundation

/// Polygons with holes, as GeoJSON has them: each polygon is an outer ring then its holes,
/// each ring a closed list of points.
public struct MultiPolygon: Hashable, Sendable {
    public let polygons: [[[GeoPoint]]]
    public let boundingBox: BoundingBox?

    public init(polygons: [[[GeoPoint]]]) {
        self.polygons = polygons
        self.boundingBox = BoundingBox(enclosing: polygons.lazy.compactMap(\.first).joined())
    }

    /// Even-odd ray casting per polygon: inside the outer ring and outside every hole.
    /// A point exactly on an edge may fall either way; the desa borders are roads, so both answers are fair.
    public func contains(_ point: GeoPoint) -> Bool {
        guard let box = boundingBox, box.contains(point) else { return false }
        return polygons.contains { rings in
            guard let outer = rings.first, Self.ring(outer, contains: point) else { return false }
            return !rings.dropFirst().contains { Self.ring($0, contains: point) }
        }
    }

    static func ring(_ ring: [GeoPoint], contains point: GeoPoint) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let a = ring[i], b = ring[j]
            if (a.latitude > point.latitude) != (b.latitude > point.latitude) {
                let crossing = (b.longitude - a.longitude) * (point.latitude - a.latitude) / (b.latitude - a.latitude) + a.longitude
                if point.longitude < crossing { inside.toggle() }
            }
            j = i
        }
        return inside
    }
}
