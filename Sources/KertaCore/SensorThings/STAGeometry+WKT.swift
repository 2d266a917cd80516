import Foundation

extension STAGeometry {
    /// Reads a WKT literal; see ``WKTParser``.
    public init(wkt: some StringProtocol) throws {
        self = try WKTParser.parse(wkt)
    }

    /// Two-dimensional WKT as PostGIS's `ST_AsText` writes it, so a literal can be handed on to PostGIS or
    /// logged in the form the client used.
    public var wkt: String {
        func p(_ p: Position) -> String { "\(STAGeometry.number(p.x)) \(STAGeometry.number(p.y))" }
        func list<T>(_ items: [T], _ f: (T) -> String) -> String { "(" + items.map(f).joined(separator: ",") + ")" }
        switch self {
        case .point(let c): return "POINT(" + p(c) + ")"
        case .lineString(let cs): return "LINESTRING" + list(cs, p)
        case .polygon(let rs): return "POLYGON" + list(rs) { list($0, p) }
        case .multiPoint(let cs): return "MULTIPOINT" + list(cs) { "(" + p($0) + ")" }
        case .multiLineString(let ls): return "MULTILINESTRING" + list(ls) { list($0, p) }
        case .multiPolygon(let ps): return "MULTIPOLYGON" + list(ps) { list($0) { list($0, p) } }
        case .geometryCollection(let gs): return "GEOMETRYCOLLECTION" + list(gs, \.wkt)
        }
    }
}
