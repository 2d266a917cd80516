/// The functions SensorThings 1.1 allows in `$filter` and `$orderby`, named as in a query.
public enum STAFunction: String, Sendable, Hashable, CaseIterable {
    case substringof, endswith, startswith, length, indexof, substring, tolower, toupper, trim, concat
    case year, month, day, hour, minute, second, fractionalseconds, date, time, totaloffsetminutes, now, mindatetime, maxdatetime
    case round, floor, ceiling
    case geoDistance = "geo.distance", geoLength = "geo.length", geoIntersects = "geo.intersects"
    case stEquals = "st_equals", stDisjoint = "st_disjoint", stTouches = "st_touches", stWithin = "st_within"
    case stOverlaps = "st_overlaps", stCrosses = "st_crosses", stIntersects = "st_intersects", stContains = "st_contains"
    case stRelate = "st_relate"

    /// How many arguments a call takes; checked when the expression is parsed.
    public var arity: ClosedRange<Int> {
        switch self {
        case .now, .mindatetime, .maxdatetime: 0...0
        case .length, .tolower, .toupper, .trim, .year, .month, .day, .hour, .minute, .second, .fractionalseconds,
             .date, .time, .totaloffsetminutes, .round, .floor, .ceiling, .geoLength: 1...1
        case .substring: 2...3
        case .stRelate: 3...3
        default: 2...2
        }
    }

    /// The geometry functions: they need PostGIS on PostgreSQL and `kerta_geo` on SQLite.
    public var isGeo: Bool {
        switch self {
        case .geoDistance, .geoLength, .geoIntersects, .stEquals, .stDisjoint, .stTouches, .stWithin,
             .stOverlaps, .stCrosses, .stIntersects, .stContains, .stRelate: true
        default: false
        }
    }
}
