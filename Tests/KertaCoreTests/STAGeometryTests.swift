import Foundation
import KertaCore
import Testing

/// Expected answers are PostGIS's (`ST_Intersects`, `ST_Relate`, `ST_Distance` … on SRID 4326 geometries),
/// so SQLite and PostgreSQL deployments filter the same rows.
@Suite struct STAGeometryTests {
    typealias P = STAGeometry.Position

    /// 0…10 square with a 4…6 hole.
    let holed = "WKT:POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))"
    let square = "WKT:POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))"

    func geo(_ name: String, _ a: String?, _ b: String?, pattern: String? = nil) throws -> Double? {
        try STAGeometryFunctions.evaluate(name: name, a, b, pattern: pattern)
    }

    /// Every named predicate at once, in a fixed order, so one line states PostGIS's full answer.
    func predicates(_ a: String, _ b: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for name in ["st_intersects", "st_disjoint", "st_equals", "st_touches", "st_within", "st_contains", "st_overlaps", "st_crosses"] {
            result[String(name.dropFirst(3))] = Int(try geo(name, a, b) ?? -1)
        }
        return result
    }

    func expectPredicates(_ a: String, _ b: String, true trueOnes: Set<String>, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let got = try predicates(a, b)
        let expected = Dictionary(uniqueKeysWithValues: got.keys.map { ($0, trueOnes.contains($0) ? 1 : 0) })
        #expect(got == expected, sourceLocation: sourceLocation)
    }

    func relate(_ a: String, _ b: String) throws -> String {
        try STAGeometryFunctions.geometry(fromArgument: a).relate(STAGeometryFunctions.geometry(fromArgument: b)).description
    }

    func expectRelate(_ a: String, _ b: String, _ matrix: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let got = try relate(a, b)
        #expect(got == matrix, sourceLocation: sourceLocation)
    }

    func wktError(_ text: String) -> STAGeometryError? {
        do {
            _ = try WKTParser.parse(text)
            return nil
        } catch {
            return error as? STAGeometryError
        }
    }

    // MARK: WKT

    @Test func wktReadsEveryFormCaseAndSpacingAside() throws {
        #expect(try STAGeometry(wkt: "POINT(115.21 -8.65)") == .point(P(115.21, -8.65)))
        #expect(try STAGeometry(wkt: "  point ( 115.21\t-8.65 )\n") == .point(P(115.21, -8.65)))
        #expect(try STAGeometry(wkt: "SRID=4326;POINT(1 2)") == .point(P(1, 2)))
        #expect(try STAGeometry(wkt: " srid = 4326 ; Point(1 2)") == .point(P(1, 2)))
        #expect(try STAGeometry(wkt: "POINT Z (1 2 3)") == .point(P(1, 2)))
        #expect(try STAGeometry(wkt: "POINTZ(1 2 3)") == .point(P(1, 2)))
        #expect(try STAGeometry(wkt: "POINT(1 2 3)") == .point(P(1, 2)))
        #expect(try STAGeometry(wkt: "POINT(1e-3 -.5)") == .point(P(0.001, -0.5)))
        #expect(try STAGeometry(wkt: "POINT(+2 1E+2)") == .point(P(2, 100)))
        #expect(try STAGeometry(wkt: "LINESTRING(0 0,1 1 , 2 0)") == .lineString([P(0, 0), P(1, 1), P(2, 0)]))
        #expect(try STAGeometry(wkt: String(holed.dropFirst(4))) == .polygon([
            [P(0, 0), P(10, 0), P(10, 10), P(0, 10), P(0, 0)], [P(4, 4), P(6, 4), P(6, 6), P(4, 6), P(4, 4)],
        ]))
        let multiPoint = STAGeometry.multiPoint([P(1, 2), P(3, 4)])
        #expect(try STAGeometry(wkt: "MULTIPOINT(1 2, 3 4)") == multiPoint)
        #expect(try STAGeometry(wkt: "MULTIPOINT((1 2),(3 4))") == multiPoint)
        #expect(try STAGeometry(wkt: "multipoint ( ( 1 2 ) , 3 4 )") == multiPoint)
        #expect(try STAGeometry(wkt: "MULTILINESTRING((0 0, 1 1), (2 2, 3 3))") == .multiLineString([[P(0, 0), P(1, 1)], [P(2, 2), P(3, 3)]]))
        #expect(try STAGeometry(wkt: "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))") == .multiPolygon([
            [[P(0, 0), P(1, 0), P(1, 1), P(0, 0)]], [[P(2, 2), P(3, 2), P(3, 3), P(2, 2)]],
        ]))
        #expect(try STAGeometry(wkt: "GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1))") == .geometryCollection([
            .point(P(1, 2)), .lineString([P(0, 0), P(1, 1)]),
        ]))
    }

    @Test func wktWritesWhatItReads() throws {
        for text in ["POINT(115.21 -8.65)", "LINESTRING(0 0,1.5 1)", "POLYGON((0 0,10 0,10 10,0 0),(1 1,2 1,2 2,1 1))",
                     "MULTIPOINT((1 2),(3 4))", "MULTILINESTRING((0 0,1 1),(2 2,3 3))", "MULTIPOLYGON(((0 0,1 0,1 1,0 0)))",
                     "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1))"] {
            #expect(try STAGeometry(wkt: text).wkt == text)
        }
    }

    @Test func anUnclosedPolygonIsRefusedSayingSo() throws {
        let e = try #require(wktError("POLYGON((0 0, 10 0, 10 10, 0 10))"))
        #expect(e.kind == .invalidGeometry)
        #expect(e.message.contains("not closed"))
        #expect(e.offset == 8)
        let hole = try #require(wktError("POLYGON((0 0, 10 0, 10 10, 0 0), (1 1, 2 1, 2 2))"))
        #expect(hole.message.contains("not closed") && hole.offset == 33)
        #expect(wktError("POLYGON((0 0, 1 1, 0 0))")?.message.contains("at least 4") == true)
        #expect(wktError("LINESTRING(1 2)")?.message.contains("at least 2") == true)
    }

    @Test func badNumbersAreRefusedWithTheirPlace() throws {
        let e = try #require(wktError("POINT(1.2.3 4)"))
        #expect(e.kind == .malformedWKT && e.offset == 6)
        #expect(e.message == "'1.2.3' is not a number at offset 6")
        #expect(wktError("POINT(1-2 4)")?.message.contains("'1-2' is not a number") == true)
        #expect(wktError("POINT(abc 4)")?.message == "'abc' is not a number at offset 6")
        #expect(wktError("POINT(, 4)")?.message == "expected a number, found ',' at offset 6")
        #expect(wktError("POINT(1e 4)")?.offset == 6)
        #expect(wktError("POINT(- 4)")?.offset == 6)
        #expect(wktError("POINT(1e999 0)")?.message.contains("out of range") == true)
        #expect(wktError("POINT(nan 0)") != nil)
        #expect(wktError("POINT(inf 0)") != nil)
        #expect(wktError("POINT(1)")?.message == "expected a number, found ')' at offset 7")
        #expect(wktError("POINT(1 2 3 4 5)")?.message.contains("at most 4") == true)
        #expect(wktError("POINT Z (1 2)")?.message.contains("expected 3 numbers") == true)
    }

    @Test func garbageIsRefusedNotCrashedOn() throws {
        #expect(wktError("")?.message == "expected a geometry type such as POINT, found the end of the text at offset 0")
        #expect(wktError("BANANA(1 2)")?.message == "unknown geometry type 'BANANA' at offset 0")
        #expect(wktError("POINT(1 2")?.message == "expected ')' after the point's numbers, found the end of the text at offset 9")
        #expect(wktError("POINT(1 2, 3 4)")?.offset == 9)
        #expect(wktError("POINT(1 2) POINT(3 4)")?.message.contains("after the end of the Point") == true)
        #expect(wktError("LINESTRING(0 0, 1 1,)")?.offset == 20)
        #expect(wktError("POINT EMPTY")?.kind == .unsupported)
        #expect(wktError("SRID=3857;POINT(1 2)")?.message.contains("only SRID=4326") == true)
        #expect(wktError("SRID=;POINT(1 2)") != nil)
        #expect(wktError("POINT(1\u{00A0}2)")?.offset == 6)
        #expect(wktError("POINT\u{00A0}(1 2)")?.message == "expected '(', found byte 0xC2 at offset 5")
        #expect(wktError("((((((((") != nil)
        let deep = String(repeating: "GEOMETRYCOLLECTION(", count: 10_000) + "POINT(1 2)" + String(repeating: ")", count: 10_000)
        #expect(wktError(deep)?.message.contains("nest deeper") == true)
        #expect(wktError("GEOMETRYCOLLECTION(GEOMETRYCOLLECTION(POINT(1 2)))") == nil)
    }

    /// A seeded stand-in for the fuzzer: mangled literals must throw or parse, never trap.
    @Test func mangledLiteralsNeverCrash() {
        var rng = SplitMix(seed: 42)
        let seeds = ["POINT(115.21 -8.65)", "MULTIPOINT((1 2),(3 4))", String(holed.dropFirst(4)),
                     "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((2 2,3 2,3 3,2 2)))", "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1))",
                     "SRID=4326;LINESTRING Z (0 0 1, 1 1 2)"]
            + [#"{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}}"#,
               #"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]}"#]
        let alphabet = Array("()(), .-+eE0123456789 ZMPOINTEMPTYSRID=;[]{}\":\u{0}\u{FF}é")
        var parsed = 0
        for _ in 0..<20_000 {
            var chars = Array(seeds[Int(rng.next() % UInt64(seeds.count))])
            for _ in 0..<(1 + rng.next() % 4) {
                let i = Int(rng.next() % UInt64(chars.count + 1))
                switch rng.next() % 3 {
                case 0 where i < chars.count: chars.remove(at: i)
                case 1: chars.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: i)
                default: if i < chars.count { chars[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))] }
                }
            }
            if let g = (try? WKTParser.parse(String(chars))) ?? (try? STAGeometry(geoJSON: String(chars))) {
                parsed += 1
                #expect((try? STAGeometry(wkt: g.wkt)) == g)
                _ = try? g.relate(.point(P(0.5, 0.5)))
                _ = g.distance(to: .point(P(0.5, 0.5)))
                // Mangled rings are often invalid (holes outside, bow ties), where PostGIS has no answer either.
                if g.dimension < 2, let m = try? g.relate(g) { #expect(m.isEquals, "\(g.wkt) \(m)") }
            }
        }
        #expect(parsed > 0)
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    // MARK: GeoJSON

    @Test func geoJSONRoundTripsEveryType() throws {
        let texts = [
            #"{"type":"Point","coordinates":[115.21,-8.65]}"#,
            #"{"type":"LineString","coordinates":[[0,0],[1.5,1]]}"#,
            #"{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]}"#,
            #"{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}"#,
            #"{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}"#,
            #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]}"#,
            #"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[0,0],[1,1]]}]}"#,
        ]
        for text in texts {
            let g = try STAGeometry(geoJSON: text)
            #expect(g.geoJSONString == text)
            #expect(try STAGeometry(geoJSON: g.geoJSONString) == g)
            let viaFoundation = try JSONSerialization.data(withJSONObject: g.geoJSONObject)
            #expect(try STAGeometry(geoJSON: viaFoundation) == g)
        }
        #expect(try STAGeometry(geoJSON: #"{"type":"Point","coordinates":[1e-7,-0.1]}"#).geoJSONString
            == #"{"type":"Point","coordinates":[1e-07,-0.1]}"#)
    }

    @Test func aFeatureGivesItsGeometryAndAltitudeIsDropped() throws {
        let feature = #"{"type":"Feature","properties":{"name":"Puputan"},"geometry":{"type":"Point","coordinates":[115.2177,-8.6561,20]}}"#
        #expect(try STAGeometry(geoJSON: feature) == .point(P(115.2177, -8.6561)))
    }

    @Test func badGeoJSONIsRefused() {
        func refused(_ text: String) -> STAGeometryError? {
            do {
                _ = try STAGeometry(geoJSON: text)
                return nil
            } catch {
                return error as? STAGeometryError
            }
        }
        #expect(refused("not json")?.kind == .malformedGeoJSON)
        #expect(refused("[1,2]")?.kind == .malformedGeoJSON)
        #expect(refused(#"{"type":"Point"}"#)?.message.contains("coordinates") == true)
        #expect(refused(#"{"type":"Point","coordinates":[true,1]}"#) != nil)
        #expect(refused(#"{"type":"Point","coordinates":["1",1]}"#) != nil)
        #expect(refused(#"{"type":"Point","coordinates":[1]}"#) != nil)
        #expect(refused(#"{"type":"LineString","coordinates":[1,2]}"#) != nil)
        #expect(refused(#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#)?.message.contains("not closed") == true)
        #expect(refused(#"{"type":"MultiPoint","coordinates":[]}"#)?.kind == .unsupported)
        #expect(refused(#"{"type":"Feature","geometry":null}"#)?.message.contains("no geometry") == true)
        #expect(refused(#"{"type":"Circle","coordinates":[1,2]}"#)?.kind == .unsupported)
        #expect(refused(String(repeating: "[", count: 100_000))?.message.contains("deeper") == true)
    }

    @Test func boundingBoxSpansAllParts() throws {
        let g = try STAGeometry(wkt: "MULTIPOINT((115.2 -8.7),(115.3 -8.6),(115.25 -8.65))")
        #expect(g.boundingBox == STAGeometry.Bounds(minX: 115.2, minY: -8.7, maxX: 115.3, maxY: -8.6))
    }

    // MARK: Functions: point

    @Test func pointAndPoint() throws {
        try expectPredicates("WKT:POINT(1 1)", "WKT:POINT(1 1)", true: ["intersects", "equals", "within", "contains"])
        try expectPredicates("WKT:POINT(0 0)", "WKT:POINT(3 4)", true: ["disjoint"])
        #expect(try geo("geo.distance", "WKT:POINT(0 0)", "WKT:POINT(3 4)") == 5)
        let d = try #require(try geo("geo.distance", #"{"type":"Point","coordinates":[115.21,-8.65]}"#, "WKT:POINT(115.22 -8.64)"))
        #expect(abs(d - 0.014142135623731) < 1e-12)
        try expectRelate("WKT:POINT(1 1)", "WKT:POINT(1 1)", "0FFFFFFF2")
    }

    @Test func pointAndLine() throws {
        let line = "WKT:LINESTRING(0 0, 10 0)"
        try expectPredicates("WKT:POINT(5 0)", line, true: ["intersects", "within"])
        try expectPredicates(line, "WKT:POINT(5 0)", true: ["intersects", "contains"])
        try expectPredicates("WKT:POINT(0 0)", line, true: ["intersects", "touches"])  // an end is the boundary
        try expectPredicates("WKT:POINT(5 3)", line, true: ["disjoint"])
        #expect(try geo("geo.distance", "WKT:POINT(5 3)", line) == 3)
        #expect(try geo("geo.distance", "WKT:POINT(-3 4)", line) == 5)
        // A closed line has no boundary (mod-2), so its start is interior.
        try expectPredicates("WKT:POINT(0 0)", "WKT:LINESTRING(0 0, 1 0, 1 1, 0 0)", true: ["intersects", "within"])
        try expectRelate("WKT:POINT(0 0)", line, "F0FFFF102")
    }

    @Test func pointAndPolygon() throws {
        try expectPredicates("WKT:POINT(2 2)", holed, true: ["intersects", "within"])
        try expectPredicates(holed, "WKT:POINT(2 2)", true: ["intersects", "contains"])
        try expectPredicates("WKT:POINT(10 5)", holed, true: ["intersects", "touches"])  // outer boundary
        try expectPredicates("WKT:POINT(0 0)", holed, true: ["intersects", "touches"])   // a corner
        try expectPredicates("WKT:POINT(4 5)", holed, true: ["intersects", "touches"])   // the hole's edge
        try expectPredicates("WKT:POINT(5 5)", holed, true: ["disjoint"])                // in the hole
        try expectPredicates("WKT:POINT(13 14)", holed, true: ["disjoint"])
        #expect(try geo("geo.distance", "WKT:POINT(2 2)", holed) == 0)
        #expect(try geo("geo.distance", "WKT:POINT(10 5)", holed) == 0)
        #expect(try geo("geo.distance", "WKT:POINT(5 5)", holed) == 1)
        #expect(try geo("geo.distance", "WKT:POINT(13 14)", holed) == 5)
        try expectRelate("WKT:POINT(2 2)", holed, "0FFFFF212")
        try expectRelate("WKT:POINT(10 5)", holed, "F0FFFF212")
        try expectRelate(holed, "WKT:POINT(5 5)", "FF2FF10F2")
    }

    @Test func aSensorLocationAgainstADistrictLiteral() throws {
        let sensor = #"{"type":"Feature","geometry":{"type":"Point","coordinates":[115.25,-8.65]}}"#
        let district = "WKT:POLYGON((115.2 -8.7, 115.3 -8.7, 115.3 -8.6, 115.2 -8.6, 115.2 -8.7))"
        #expect(try geo("st_within", sensor, district) == 1)
        #expect(try geo("geo.intersects", sensor, district) == 1)
        #expect(try geo("st_contains", district, sensor) == 1)
        #expect(try geo("st_within", sensor, "WKT:POLYGON((115.21 -8.7, 115.22 -8.7, 115.22 -8.69, 115.21 -8.7))") == 0)
    }

    // MARK: Functions: lines

    @Test func lineAndLine() throws {
        let x1 = "WKT:LINESTRING(0 0, 10 10)", x2 = "WKT:LINESTRING(0 10, 10 0)"
        try expectPredicates(x1, x2, true: ["intersects", "crosses"])
        try expectRelate(x1, x2, "0F1FF0102")
        #expect(try geo("geo.distance", x1, x2) == 0)

        let ab = "WKT:LINESTRING(0 0, 5 0)", bc = "WKT:LINESTRING(5 0, 10 0)"
        try expectPredicates(ab, bc, true: ["intersects", "touches"])
        try expectRelate(ab, bc, "FF1F00102")

        try expectPredicates("WKT:LINESTRING(0 0, 10 0)", "WKT:LINESTRING(5 0, 5 5)", true: ["intersects", "touches"])  // a T
        try expectPredicates("WKT:LINESTRING(0 0, 6 0)", "WKT:LINESTRING(4 0, 10 0)", true: ["intersects", "overlaps"])
        try expectRelate("WKT:LINESTRING(0 0, 6 0)", "WKT:LINESTRING(4 0, 10 0)", "1010F0102")
        try expectPredicates("WKT:LINESTRING(2 0, 4 0)", "WKT:LINESTRING(0 0, 10 0)", true: ["intersects", "within"])
        try expectPredicates("WKT:LINESTRING(0 0, 10 0)", "WKT:LINESTRING(10 0, 5 0, 0 0)", true: ["intersects", "equals", "within", "contains"])
        try expectPredicates("WKT:LINESTRING(0 0, 10 0)", "WKT:LINESTRING(0 2, 10 2)", true: ["disjoint"])
        #expect(try geo("geo.distance", "WKT:LINESTRING(0 0, 10 0)", "WKT:LINESTRING(0 2, 10 2)") == 2)
        #expect(try geo("geo.distance", "WKT:LINESTRING(0 0, 10 0)", "WKT:LINESTRING(13 4, 20 4)") == 5)
    }

    @Test func lineAndPolygon() throws {
        try expectPredicates("WKT:LINESTRING(5 5, 15 5)", square, true: ["intersects", "crosses"])
        try expectPredicates(square, "WKT:LINESTRING(5 5, 15 5)", true: ["intersects", "crosses"])
        try expectPredicates("WKT:LINESTRING(2 2, 8 8)", square, true: ["intersects", "within"])
        try expectPredicates(square, "WKT:LINESTRING(2 2, 8 8)", true: ["intersects", "contains"])
        try expectPredicates("WKT:LINESTRING(2 2, 10 5)", square, true: ["intersects", "within"])  // ends on the edge
        try expectPredicates("WKT:LINESTRING(0 0, 10 0)", square, true: ["intersects", "touches"])  // along an edge
        try expectPredicates("WKT:LINESTRING(10 5, 15 5)", square, true: ["intersects", "touches"])
        try expectPredicates("WKT:LINESTRING(12 0, 12 10)", square, true: ["disjoint"])
        try expectPredicates("WKT:LINESTRING(1 5, 9 5)", holed, true: ["intersects", "crosses"])  // through the hole
        try expectPredicates("WKT:LINESTRING(4.5 5, 5.5 5)", holed, true: ["disjoint"])
        try expectRelate("WKT:LINESTRING(5 5, 15 5)", square, "1010F0212")
        try expectRelate("WKT:LINESTRING(0 0, 10 0)", square, "F1FF0F212")
        try expectRelate("WKT:LINESTRING(2 2, 10 5)", square, "1FF00F212")
        #expect(try geo("geo.distance", "WKT:LINESTRING(12 0, 12 10)", square) == 2)
        #expect(try geo("geo.distance", "WKT:LINESTRING(4.5 5, 5.5 5)", holed) == 0.5)
        #expect(try geo("geo.distance", "WKT:LINESTRING(2 2, 8 8)", square) == 0)
    }

    @Test func lengthIsOfLinesOnly() throws {
        #expect(try geo("geo.length", "WKT:LINESTRING(0 0, 3 4, 3 10)", nil) == 11)
        #expect(try geo("geo.length", #"{"type":"MultiLineString","coordinates":[[[0,0],[0,2]],[[1,1],[4,5]]]}"#, nil) == 7)
        #expect(try geo("geo.length", square, nil) == 0)
        #expect(try geo("geo.length", "WKT:POINT(1 2)", nil) == 0)
    }

    // MARK: Functions: polygons

    @Test func polygonAndPolygon() throws {
        let far = "WKT:POLYGON((20 0, 30 0, 30 10, 20 10, 20 0))"
        try expectPredicates(square, far, true: ["disjoint"])
        #expect(try geo("geo.distance", square, far) == 10)
        try expectRelate(square, far, "FF2FF1212")

        let edgeNeighbour = "WKT:POLYGON((10 0, 20 0, 20 10, 10 10, 10 0))"
        try expectPredicates(square, edgeNeighbour, true: ["intersects", "touches"])
        try expectRelate(square, edgeNeighbour, "FF2F11212")
        #expect(try geo("geo.distance", square, edgeNeighbour) == 0)

        let cornerNeighbour = "WKT:POLYGON((10 10, 20 10, 20 20, 10 20, 10 10))"
        try expectPredicates(square, cornerNeighbour, true: ["intersects", "touches"])
        try expectRelate(square, cornerNeighbour, "FF2F01212")

        let overlapping = "WKT:POLYGON((5 5, 15 5, 15 15, 5 15, 5 5))"
        try expectPredicates(square, overlapping, true: ["intersects", "overlaps"])
        try expectRelate(square, overlapping, "212101212")

        let inner = "WKT:POLYGON((2 2, 4 2, 4 4, 2 4, 2 2))"
        try expectPredicates(inner, square, true: ["intersects", "within"])
        try expectPredicates(square, inner, true: ["intersects", "contains"])
        try expectRelate(inner, square, "2FF1FF212")

        let corner = "WKT:POLYGON((0 0, 5 0, 5 5, 0 5, 0 0))"
        try expectPredicates(corner, square, true: ["intersects", "within"])
        try expectRelate(corner, square, "2FF11F212")

        let sameOtherWay = "WKT:POLYGON((10 10, 10 0, 0 0, 0 10, 10 10))"
        try expectPredicates(square, sameOtherWay, true: ["intersects", "equals", "within", "contains"])
        try expectRelate(square, sameOtherWay, "2FFF1FFF2")
    }

    @Test func polygonsAndHoles() throws {
        let inHole = "WKT:POLYGON((4.5 4.5, 5.5 4.5, 5.5 5.5, 4.5 5.5, 4.5 4.5))"
        try expectPredicates(inHole, holed, true: ["disjoint"])
        #expect(try geo("geo.distance", inHole, holed) == 0.5)
        let theHole = "WKT:POLYGON((4 4, 4 6, 6 6, 6 4, 4 4))"
        try expectPredicates(theHole, holed, true: ["intersects", "touches"])
        try expectRelate(theHole, holed, "FF2F1F212")
        try expectPredicates(square, holed, true: ["intersects", "contains"])
        try expectRelate(square, holed, "212F1FFF2")
    }

    @Test func edgeCasesOfNoding() throws {
        // Through two corners exactly: cut at the polygon's vertices, not only at crossings.
        try expectPredicates("WKT:LINESTRING(-5 -5, 15 15)", square, true: ["intersects", "crosses"])
        // Along an edge, then inside.
        try expectPredicates("WKT:LINESTRING(0 0, 5 0, 5 5)", square, true: ["intersects", "within"])
        try expectRelate("WKT:LINESTRING(0 0, 5 0, 5 5)", square, "11F00F212")
        // A hole touching the outer ring at one point, mid-edge.
        let notched = "WKT:POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (5 0, 7 3, 3 3, 5 0))"
        #expect(try geo("st_intersects", "WKT:POINT(5 1)", notched) == 0)
        #expect(try geo("st_touches", "WKT:POINT(5 0)", notched) == 1)
        #expect(try geo("st_within", "WKT:POINT(1 1)", notched) == 1)
        // Sharing part of an edge.
        try expectPredicates(square, "WKT:POLYGON((10 2, 14 2, 14 4, 10 4, 10 2))", true: ["intersects", "touches"])
        // A line ending on another line's interior, inside a multilinestring: a T is one boundary point.
        try expectRelate("WKT:MULTILINESTRING((0 0, 10 0), (5 0, 5 5))", "WKT:POINT(5 0)", "FF10F0FF2")
    }

    @Test func extremeNumbersDoNotTrap() throws {
        let huge = "WKT:POLYGON((-1e308 -1e308, 1e308 -1e308, 1e308 1e308, -1e308 -1e308))"
        _ = try geo("st_intersects", "WKT:POINT(1e308 -1e308)", huge)
        _ = try geo("geo.distance", "WKT:POINT(-1e308 1e308)", huge)
        _ = try geo("st_relate", huge, huge, pattern: "T********")
        _ = try geo("geo.length", "WKT:LINESTRING(-1e308 0, 1e308 0)", nil)
    }

    @Test func multiGeometries() throws {
        let points = "WKT:MULTIPOINT((2 2),(20 20))"
        try expectPredicates(points, square, true: ["intersects", "crosses"])  // some points in, some out
        try expectPredicates("WKT:MULTIPOINT((2 2),(5 5))", square, true: ["intersects", "within"])
        try expectPredicates("WKT:MULTIPOINT((2 2),(10 5))", square, true: ["intersects", "within"])  // one inside is enough
        try expectPredicates("WKT:MULTIPOINT((0 0),(10 5))", square, true: ["intersects", "touches"])
        try expectPredicates("WKT:MULTIPOINT((1 1),(3 3))", "WKT:MULTIPOINT((3 3),(4 4))", true: ["intersects", "overlaps"])
        let two = "WKT:MULTIPOLYGON(((0 0, 1 0, 1 1, 0 1, 0 0)), ((20 20, 21 20, 21 21, 20 21, 20 20)))"
        #expect(try geo("st_contains", two, "WKT:POINT(20.5 20.5)") == 1)
        #expect(try geo("geo.distance", two, "WKT:POINT(20.5 25)") == 4)
        // A far part first must not hide a part that lies inside.
        #expect(try geo("geo.distance", "WKT:MULTIPOINT((50 50),(2 2))", square) == 0)
        try expectPredicates("WKT:MULTILINESTRING((0 0, 5 0), (5 0, 10 0))", "WKT:LINESTRING(0 0, 10 0)", true: ["intersects", "equals", "within", "contains"])
        #expect(throws: STAGeometryError.self) { try geo("st_within", "WKT:GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))", square) }
        #expect(try geo("st_within", "WKT:GEOMETRYCOLLECTION(POINT(1 1), POINT(2 2))", square) == 1)
    }

    @Test func relateTakesPatterns() throws {
        let overlapping = "WKT:POLYGON((5 5, 15 5, 15 15, 5 15, 5 5))"
        #expect(try geo("st_relate", square, overlapping, pattern: "T*T***T**") == 1)
        #expect(try geo("st_relate", square, overlapping, pattern: "212101212") == 1)
        #expect(try geo("st_relate", square, overlapping, pattern: "2121012t2") == 1)
        #expect(try geo("st_relate", square, overlapping, pattern: "FF*FF****") == 0)
        #expect(try geo("st_relate", square, overlapping, pattern: "1********") == 0)
        #expect(throws: STAGeometryError.self) { try geo("st_relate", square, overlapping, pattern: "T*T") }
        #expect(throws: STAGeometryError.self) { try geo("st_relate", square, overlapping, pattern: "X********") }
        #expect(throws: STAGeometryError.self) { try geo("st_relate", square, overlapping) }
    }

    @Test func nullsUnknownNamesAndBadArguments() throws {
        #expect(try geo("st_within", nil, square) == nil)
        #expect(try geo("geo.distance", "WKT:POINT(1 1)", nil) == nil)
        #expect(try geo("geo.length", nil, nil) == nil)
        #expect(try geo("ST_WITHIN", "wkt:point(1 1)", square) == 1)
        #expect(throws: STAGeometryError.self) { try geo("st_buffer", "WKT:POINT(1 1)", square) }
        #expect(throws: STAGeometryError.self) { try geo("st_within", "WKT:POINT(1 1", square) }
        #expect(throws: STAGeometryError.self) { try geo("st_within", "POINT(1 1)", square) }  // no prefix: read as GeoJSON
    }

    /// A kelurahan-sized ring of 2 000 vertices against a sensor and against a shifted copy of itself:
    /// the shallow crossings must still come out as overlaps, and quickly.
    @Test func detailedBoundaries() throws {
        func circle(_ cx: Double, _ cy: Double, _ r: Double, _ n: Int) -> STAGeometry {
            var ring = (0..<n).map { i in
                let a = Double(i) / Double(n) * 2 * .pi
                return P(cx + r * cos(a), cy + r * sin(a))
            }
            ring.append(ring[0])
            return .polygon([ring])
        }
        let a = circle(115.22, -8.65, 0.02, 2000), b = circle(115.23, -8.65, 0.02, 2000)
        #expect(try a.relate(b).description == "212101212")
        #expect(try a.contains(.point(P(115.22, -8.65))))
        #expect(try !a.contains(.point(P(115.25, -8.65))))
        #expect(try a.isTopologicallyEqual(to: a))
        #expect(a.distance(to: circle(115.30, -8.65, 0.02, 2000)) > 0.039)
    }
}
