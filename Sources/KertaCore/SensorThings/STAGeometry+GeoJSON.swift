import Foundation

extension STAGeometry {
    /// Arrays and objects deeper than this cannot be a geometry Kerta accepts (a MultiPolygon inside a
    /// Feature is 6: the Feature, the geometry and four arrays; collections add 2 a level), so deeper input
    /// is refused before it is decoded.
    static let maximumJSONDepth = 6 + 2 * maximumNesting

    /// Reads a GeoJSON (RFC 7946) geometry object, or a Feature for its geometry: what a SensorThings
    /// Location's `location` holds when its `encodingType` is `application/geo+json`. Positions may carry
    /// an altitude; it is dropped, since the geo functions are two-dimensional.
    public init(geoJSON data: Data) throws {
        guard STAGeometryJSONValue.nestingDepth(of: data) <= Self.maximumJSONDepth else {
            throw STAGeometryError(.malformedGeoJSON, "GeoJSON nests arrays and objects deeper than any geometry does")
        }
        let value: STAGeometryJSONValue
        do {
            value = try JSONDecoder().decode(STAGeometryJSONValue.self, from: data)
        } catch {
            throw STAGeometryError(.malformedGeoJSON, "GeoJSON is not valid JSON")
        }
        self = try Self.geometry(fromGeoJSON: value, depth: 0)
        try validate()
    }

    public init(geoJSON text: String) throws {
        try self.init(geoJSON: Data(text.utf8))
    }

    private static func geometry(fromGeoJSON value: STAGeometryJSONValue, depth: Int) throws -> STAGeometry {
        guard let object = value.object else {
            throw STAGeometryError(.malformedGeoJSON, "a GeoJSON geometry must be a JSON object")
        }
        guard let type = object["type"]?.string else {
            throw STAGeometryError(.malformedGeoJSON, "a GeoJSON object needs a \"type\" string")
        }
        func coordinates() throws -> STAGeometryJSONValue {
            guard let c = object["coordinates"], c.array != nil else {
                throw STAGeometryError(.malformedGeoJSON, "a GeoJSON \(type) needs a \"coordinates\" array")
            }
            return c
        }
        switch type {
        case "Feature":
            guard let g = object["geometry"], g.object != nil else {
                throw STAGeometryError(.malformedGeoJSON, "the GeoJSON Feature has no geometry")
            }
            guard depth == 0 else { throw STAGeometryError(.malformedGeoJSON, "a Feature cannot be a geometry's member") }
            return try geometry(fromGeoJSON: g, depth: depth)
        case "Point": return .point(try position(try coordinates(), type))
        case "LineString", "MultiPoint":
            let ps = try list(try coordinates(), type) { try position($0, type) }
            return type == "LineString" ? .lineString(ps) : .multiPoint(ps)
        case "Polygon", "MultiLineString":
            let rings = try list(try coordinates(), type) { r in try list(r, type) { try position($0, type) } }
            return type == "Polygon" ? .polygon(rings) : .multiLineString(rings)
        case "MultiPolygon":
            return .multiPolygon(try list(try coordinates(), type) { p in
                try list(p, type) { r in try list(r, type) { try position($0, type) } }
            })
        case "GeometryCollection":
            guard depth < maximumNesting else {
                throw STAGeometryError(.invalidGeometry, "geometry collections nest deeper than \(maximumNesting) levels")
            }
            guard let members = object["geometries"]?.array else {
                throw STAGeometryError(.malformedGeoJSON, "a GeoJSON GeometryCollection needs a \"geometries\" array")
            }
            return .geometryCollection(try members.map { try geometry(fromGeoJSON: $0, depth: depth + 1) })
        default:
            throw STAGeometryError(.unsupported, "GeoJSON type \"\(type.prefix(40))\" is not a geometry Kerta reads")
        }
    }

    private static func list<T>(_ value: STAGeometryJSONValue, _ type: String, _ item: (STAGeometryJSONValue) throws -> T) throws -> [T] {
        guard let items = value.array else {
            throw STAGeometryError(.malformedGeoJSON, "the coordinates of a GeoJSON \(type) are not nested as that type needs")
        }
        return try items.map(item)
    }

    private static func position(_ value: STAGeometryJSONValue, _ type: String) throws -> Position {
        guard let numbers = value.array, numbers.count >= 2, numbers.count <= 4,
              let x = numbers[0].number, let y = numbers[1].number, numbers.dropFirst(2).allSatisfy({ $0.number != nil })
        else {
            throw STAGeometryError(.malformedGeoJSON, "a position of the GeoJSON \(type) must be 2 to 4 numbers, longitude first")
        }
        return Position(x: x, y: y)
    }

    /// The geometry as JSON-ready Foundation values (for `JSONSerialization` or embedding in a response).
    public var geoJSONObject: [String: Any] {
        func p(_ p: Position) -> [Double] { [p.x, p.y] }
        switch self {
        case .point(let c): return ["type": typeName, "coordinates": p(c)]
        case .lineString(let cs), .multiPoint(let cs): return ["type": typeName, "coordinates": cs.map(p)]
        case .polygon(let rs), .multiLineString(let rs): return ["type": typeName, "coordinates": rs.map { $0.map(p) }]
        case .multiPolygon(let ps): return ["type": typeName, "coordinates": ps.map { $0.map { $0.map(p) } }]
        case .geometryCollection(let gs): return ["type": typeName, "geometries": gs.map(\.geoJSONObject)]
        }
    }

    /// Compact GeoJSON with shortest round-tripping numbers, written by hand so the text is the same on
    /// every platform (`JSONSerialization` differs in key order and digits between Darwin and Linux).
    public var geoJSONString: String {
        func p(_ p: Position) -> String { "[\(Self.number(p.x)),\(Self.number(p.y))]" }
        func list<T>(_ items: [T], _ f: (T) -> String) -> String { "[" + items.map(f).joined(separator: ",") + "]" }
        let coordinates: String
        switch self {
        case .point(let c): coordinates = p(c)
        case .lineString(let cs), .multiPoint(let cs): coordinates = list(cs, p)
        case .polygon(let rs), .multiLineString(let rs): coordinates = list(rs) { list($0, p) }
        case .multiPolygon(let ps): coordinates = list(ps) { list($0) { list($0, p) } }
        case .geometryCollection(let gs):
            return "{\"type\":\"GeometryCollection\",\"geometries\":" + list(gs, \.geoJSONString) + "}"
        }
        return "{\"type\":\"\(typeName)\",\"coordinates\":\(coordinates)}"
    }

    /// Swift's shortest round-trip digits; whole numbers lose the `.0` as JSON writers do. Non-finite
    /// numbers, which JSON cannot hold, only reach here from hand-built cases and are written as null.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
