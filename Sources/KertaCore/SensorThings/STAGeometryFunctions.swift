import Foundation

/// The SensorThings `$filter` geo functions for databases without PostGIS: the body of the SQLite
/// function `kerta_geo(name, a, b)`.
///
/// Answers are meant to be PostGIS's on SRID 4326 geometries, so a filter gives the same rows on either
/// database: predicates are OGC simple-features relations on the plane, distances and lengths are in
/// degrees. Numbers come back as Double because SQLite has no booleans: 1 is true, 0 false, nil NULL.
public enum STAGeometryFunctions {
    /// Every name `evaluate` takes, lowercase.
    public static let names: Set<String> = [
        "geo.distance", "geo.length", "geo.intersects", "st_equals", "st_disjoint", "st_touches", "st_within",
        "st_overlaps", "st_crosses", "st_intersects", "st_contains", "st_relate",
    ]

    /// `a` and `b` are `WKT:` plus a literal, or GeoJSON text; either nil (SQL NULL) gives nil, but for
    /// `geo.length`, which reads `a` only. `pattern` is `st_relate`'s DE-9IM pattern. Throws
    /// ``STAGeometryError`` for an unknown name, a missing or bad pattern, or an argument that does not read,
    /// so a bad literal fails the query instead of silently matching nothing.
    public static func evaluate(name: String, _ a: String?, _ b: String?, pattern: String? = nil) throws -> Double? {
        let function = name.lowercased()
        guard names.contains(function) else {
            throw STAGeometryError(.invalidArgument, "'\(name.prefix(40))' is not a SensorThings geo function")
        }
        if function == "st_relate" {
            guard let pattern else { throw STAGeometryError(.invalidArgument, "st_relate needs a DE-9IM pattern as its third argument") }
            _ = try STAGeometry.IntersectionMatrix(dimensionA: 0, dimensionB: 0).matches(pattern)
        }
        if function == "geo.length" {
            guard let a else { return nil }
            return try geometry(fromArgument: a).length
        }
        guard let a, let b else { return nil }
        let ga = try geometry(fromArgument: a), gb = try geometry(fromArgument: b)
        if function == "geo.distance" { return ga.distance(to: gb) }

        let m = try ga.relate(gb)
        let answer: Bool = switch function {
        case "geo.intersects", "st_intersects": m.isIntersects
        case "st_disjoint": m.isDisjoint
        case "st_equals": m.isEquals
        case "st_touches": m.isTouches
        case "st_within": m.isWithin
        case "st_contains": m.isContains
        case "st_overlaps": m.isOverlaps
        case "st_crosses": m.isCrosses
        default: try m.matches(pattern ?? "")  // st_relate
        }
        return answer ? 1 : 0
    }

    /// Reads one argument by the `kerta_geo` convention: a `WKT:` prefix (any case) marks a literal from the
    /// query; anything else is a stored GeoJSON geometry or Feature.
    public static func geometry(fromArgument text: String) throws -> STAGeometry {
        if text.prefix(4).lowercased() == "wkt:" {
            return try WKTParser.parse(text.dropFirst(4))
        }
        return try STAGeometry(geoJSON: text)
    }
}
