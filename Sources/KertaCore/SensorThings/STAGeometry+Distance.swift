import Foundation

extension STAGeometry {
    /// Shortest planar distance in degrees, as PostGIS's `ST_Distance` on SRID 4326 geometries: zero when
    /// they meet or one lies inside the other, else the nearest pair of points or segments.
    /// Degrees are not metres (a degree of longitude shrinks with latitude); clients of `geo.distance`
    /// get what PostGIS would give them, which is what the SensorThings conformance tests expect.
    public func distance(to other: STAGeometry) -> Double {
        let a = STAGeometryTopology(self), b = STAGeometryTopology(other)
        guard a.bounds != nil, b.bounds != nil else { return .infinity }
        // A part inside an area without touching its boundary has all of its vertices inside, so one per part
        // suffices; a part that does touch or cross is caught by the segment distances below.
        if b.partRepresentatives.contains(where: a.areaContains) || a.partRepresentatives.contains(where: b.areaContains) {
            return 0
        }

        var best = Double.infinity
        for p in a.points {
            for q in b.points { best = min(best, STAGeometryPlanar.distanceSquared(p, q)) }
            for s in b.segments { best = min(best, STAGeometryPlanar.distanceSquared(p, toSegment: s.a, s.b)) }
        }
        for s in a.segments {
            for q in b.points { best = min(best, STAGeometryPlanar.distanceSquared(q, toSegment: s.a, s.b)) }
            let sMinX = min(s.a.x, s.b.x), sMaxX = max(s.a.x, s.b.x), sMinY = min(s.a.y, s.b.y), sMaxY = max(s.a.y, s.b.y)
            for r in b.segments {
                // The gap between the two boxes bounds the distance from below, and costs far less.
                let gx = max(0, min(r.a.x, r.b.x) - sMaxX, sMinX - max(r.a.x, r.b.x))
                let gy = max(0, min(r.a.y, r.b.y) - sMaxY, sMinY - max(r.a.y, r.b.y))
                if gx * gx + gy * gy >= best { continue }
                best = min(best, STAGeometryPlanar.distanceSquared(segment: s.a, s.b, r.a, r.b))
                if best == 0 { return 0 }
            }
        }
        return best.squareRoot()
    }

    /// Planar length in degrees of the linear parts, as `ST_Length`: 0 for points and for areas
    /// (PostGIS keeps perimeters for `ST_Perimeter`), so `geo.length` on a polygon location is 0 there too.
    public var length: Double {
        switch self {
        case .point, .multiPoint, .polygon, .multiPolygon: 0
        case .lineString(let line): Self.length(of: line)
        case .multiLineString(let lines): lines.reduce(0) { $0 + Self.length(of: $1) }
        case .geometryCollection(let members): members.reduce(0) { $0 + $1.length }
        }
    }

    private static func length(of line: [Position]) -> Double {
        zip(line, line.dropFirst()).reduce(0) { $0 + STAGeometryPlanar.distanceSquared($1.0, $1.1).squareRoot() }
    }
}
