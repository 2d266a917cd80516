import Foundation

/// A SensorThings location, or a geometry literal of a `$filter`, on the plane of longitude and latitude.
///
/// The SensorThings geo functions follow OGC simple features on SRID 4326 *geometries*, which PostGIS
/// evaluates in plain degrees; so the SQLite evaluator does the same and never projects. The cases hold
/// bare position arrays, nested as GeoJSON nests them, so GeoJSON, WKT and the planar algorithms read one shape.
public enum STAGeometry: Hashable, Sendable {
    case point(Position)
    case lineString([Position])
    /// The outer ring, then its holes; each ring closed (its first position repeated last).
    case polygon([[Position]])
    case multiPoint([Position])
    case multiLineString([[Position]])
    case multiPolygon([[[Position]]])
    case geometryCollection([STAGeometry])

    /// Collections may nest collections; parsers stop here so hostile input cannot exhaust the stack.
    public static let maximumNesting = 8

    /// The GeoJSON `type` name, also what error messages call the geometry.
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .lineString: "LineString"
        case .polygon: "Polygon"
        case .multiPoint: "MultiPoint"
        case .multiLineString: "MultiLineString"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }

    /// Topological dimension (0 points, 1 lines, 2 areas): the predicates `crosses`, `overlaps` and
    /// `touches` mean different things per pair of dimensions. A collection has its highest member's.
    public var dimension: Int {
        switch self {
        case .point, .multiPoint: 0
        case .lineString, .multiLineString: 1
        case .polygon, .multiPolygon: 2
        case .geometryCollection(let members): members.map(\.dimension).max() ?? 0
        }
    }

    /// Every position once per appearance, closing positions of rings included.
    public var positions: [Position] {
        switch self {
        case .point(let p): [p]
        case .lineString(let line), .multiPoint(let line): line
        case .polygon(let rings), .multiLineString(let rings): Array(rings.joined())
        case .multiPolygon(let polygons): Array(polygons.joined().joined())
        case .geometryCollection(let members): members.flatMap(\.positions)
        }
    }

    /// Checks what both parsers promise, so the planar algorithms may rely on it: finite numbers, lines
    /// of two positions or more, closed rings of four or more, no empty parts, bounded nesting.
    /// Cases built by hand should pass through here before being trusted.
    public func validate() throws {
        try validate(depth: 0)
    }

    private func validate(depth: Int) throws {
        func finite(_ positions: [Position]) throws {
            if let bad = positions.first(where: { !$0.x.isFinite || !$0.y.isFinite }) {
                throw STAGeometryError(.invalidGeometry, "\(typeName) has a coordinate that is not a finite number (\(bad.x) \(bad.y))")
            }
        }
        func line(_ positions: [Position]) throws {
            guard positions.count >= 2 else {
                throw STAGeometryError(.invalidGeometry, "a line needs at least 2 positions, this one has \(positions.count)")
            }
            try finite(positions)
        }
        func polygon(_ rings: [[Position]]) throws {
            guard !rings.isEmpty else { throw STAGeometryError(.invalidGeometry, "a polygon needs at least one ring") }
            for (n, ring) in rings.enumerated() {
                try finite(ring)
                guard ring.count >= 4 else {
                    throw STAGeometryError(.invalidGeometry, "polygon ring \(n + 1) has \(ring.count) positions; a closed ring needs at least 4")
                }
                guard let first = ring.first, let last = ring.last, first == last else {
                    throw STAGeometryError(.invalidGeometry, "polygon ring \(n + 1) is not closed: its first position must equal its last")
                }
            }
        }
        func nonEmpty(_ count: Int) throws {
            guard count > 0 else { throw STAGeometryError(.unsupported, "empty geometries are not supported (\(typeName) has no members)") }
        }
        switch self {
        case .point(let p): try finite([p])
        case .lineString(let positions): try line(positions)
        case .polygon(let rings): try polygon(rings)
        case .multiPoint(let points): try nonEmpty(points.count); try finite(points)
        case .multiLineString(let lines): try nonEmpty(lines.count); try lines.forEach(line)
        case .multiPolygon(let polygons): try nonEmpty(polygons.count); try polygons.forEach(polygon)
        case .geometryCollection(let members):
            guard depth < Self.maximumNesting else {
                throw STAGeometryError(.invalidGeometry, "geometry collections nest deeper than \(Self.maximumNesting) levels")
            }
            try nonEmpty(members.count)
            for member in members { try member.validate(depth: depth + 1) }
        }
    }
}
