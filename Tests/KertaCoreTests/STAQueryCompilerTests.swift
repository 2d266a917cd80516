import Foundation
import KertaCore
import Testing

@Suite struct STAQueryCompilerTests {
    let sqlite = STASQLCompiler(dialect: .sqlite, now: Date(timeIntervalSince1970: 1_800_000_000))
    let postgres = STASQLCompiler(dialect: .postgres(postgis: true), now: Date(timeIntervalSince1970: 1_800_000_000))
    let plainPostgres = STASQLCompiler(dialect: .postgres(postgis: false))

    func compile(_ text: String, _ entity: STAEntityType = .thing, _ compiler: STASQLCompiler? = nil) throws -> (String, [STAValue]) {
        let compiler = compiler ?? sqlite
        let sql = try compiler.condition(try STAFilterParser(entity: entity).parseFilter(text), entity: entity, alias: "o")
        return (sql.text(for: compiler.dialect), sql.binds)
    }

    func both(_ text: String, _ entity: STAEntityType = .thing) throws -> (sqlite: String, postgres: String) {
        (try compile(text, entity, sqlite).0, try compile(text, entity, postgres).0)
    }

    func problem(_ text: String, _ entity: STAEntityType = .thing, _ compiler: STASQLCompiler? = nil) -> String? {
        (#expect(throws: STAQueryError.self) { _ = try compile(text, entity, compiler) })?.message
    }

    @Test func fragmentsKeepValuesApartFromText() {
        var sql: STASQL = "a = "
        sql += .bind(.int(1))
        sql.append(STASQL(" AND b = ") + .bind(.string("x")))
        #expect(sql.parts == [.text("a = "), .bind(.int(1)), .text(" AND b = "), .bind(.string("x"))])
        #expect(sql.text(for: .sqlite) == "a = ? AND b = ?")
        #expect(sql.text(for: .postgres(postgis: false)) == "a = $1 AND b = $2")
        #expect(sql.text(for: .postgres(postgis: false), firstIndex: 4) == "a = $4 AND b = $5")
        #expect(sql.binds == [.int(1), .string("x")])
        #expect(STASQL.joined(["a", "b"], separator: ", ") == STASQL("a, b"))
    }

    @Test func comparisonsOnColumnsAndNulls() throws {
        let (text, binds) = try compile("name eq 'Pos Ubud' and id ge 3")
        #expect(text == "((o.name = ?) AND (o.id >= ?))" && binds == [.string("Pos Ubud"), .int(3)])
        #expect(try compile("name eq 'a' or id ne 2", .thing, postgres).0 == "((o.name = $1) OR (o.id <> $2))")
        #expect(try compile("id gt 1 and id lt 9 and id le 8").0 == "(((o.id > ?) AND (o.id < ?)) AND (o.id <= ?))")
        #expect(try compile("description eq null").0 == "(o.description IS NULL)")
        #expect(try compile("null ne description").0 == "(o.description IS NOT NULL)")
        #expect(try compile("id gt null").0 == "NULL")
        #expect(try compile("not (name eq 'a')").0 == "(NOT (o.name = ?))")
        #expect(try compile("-id lt 0").0 == "((-o.id) < ?)")
        #expect(try compile("true").0 == "?")
        #expect(try compile("encodingType eq 'application/geo+json'", .location).0 == "(o.encoding_type = ?)")
    }

    @Test func toOneNavigationsBecomeCorrelatedSubqueries() throws {
        #expect(try both("Datastream/name eq 'x'", .observation).sqlite
                == "((SELECT o_1.name FROM sta_datastreams o_1 WHERE o_1.id = o.datastream_id) = ?)")
        let chain = try both("Datastream/Thing/name eq 'x'", .observation)
        #expect(chain.sqlite == "((SELECT o_2.name FROM sta_datastreams o_1 JOIN sta_things o_2 ON o_2.id = o_1.thing_id WHERE o_1.id = o.datastream_id) = ?)")
        #expect(chain.postgres == "((SELECT o_2.name FROM sta_datastreams o_1 JOIN sta_things o_2 ON o_2.id = o_1.thing_id WHERE o_1.id = o.datastream_id) = $1)")
        #expect(try compile("Thing/name eq 'x'", .historicalLocation).0 == "((SELECT o_1.name FROM sta_things o_1 WHERE o_1.id = o.thing_id) = ?)")
        // A path through a to-many navigation, however it was built, is refused by name.
        let things = STAEntityType.thing
        let many = STAExpression.binary(.eq, .property(STAPropertyPath(navigations: [things.navigation(named: "Datastreams")!],
                                                                      property: STAEntityType.datastream.property(named: "name")!)), .literal(.string("x")))
        let refused = #expect(throws: STAQueryError.self) { try sqlite.condition(many, entity: .thing, alias: "t") }
        #expect(refused?.message == "$filter: 'Datastreams' of Thing leads to many entities and cannot be compared")
        let foreign = STAExpression.binary(.eq, .property(STAPropertyPath(property: STAEntityType.observation.property(named: "result")!)), .literal(.int(1)))
        #expect(throws: STAQueryError.self) { try sqlite.condition(foreign, entity: .thing, alias: "t") }
        #expect(throws: STAQueryError.self) { try sqlite.condition(.literal(.bool(true)), entity: .thing, alias: "t; DROP TABLE x") }
    }

    @Test func jsonMembersAreReadSafelyOnBothDatabases() throws {
        let (text, binds) = try compile("properties/owner/name eq 'PUPR'")
        #expect(text == "(json_extract(o.properties, ?) = ?)" && binds == [.string("$.\"owner\".\"name\""), .string("PUPR")])
        let (pgText, pgBinds) = try compile("properties/owner/name eq 'PUPR'", .thing, postgres)
        #expect(pgText == "(jsonb_extract_path_text(o.properties::jsonb, $1, $2) = $3)")
        #expect(pgBinds == [.string("owner"), .string("name"), .string("PUPR")])
        // With a number, a member counts only when it is a JSON number, so text never reaches a numeric cast.
        #expect(try compile("properties/level gt 5").0
                == "(CASE WHEN json_type(o.properties, ?) IN ('integer', 'real') THEN json_extract(o.properties, ?) END > ?)")
        #expect(try compile("properties/level gt 5", .thing, postgres).0
                == "(CASE WHEN jsonb_typeof(jsonb_extract_path(o.properties::jsonb, $1)) = 'number' AND length(jsonb_extract_path_text(o.properties::jsonb, $2)) <= 40 THEN CAST(jsonb_extract_path_text(o.properties::jsonb, $3) AS double precision) END > $4)")
        #expect(try compile("properties/active eq true", .thing, postgres).0
                == "(CASE WHEN jsonb_typeof(jsonb_extract_path(o.properties::jsonb, $1)) = 'boolean' THEN CAST(jsonb_extract_path_text(o.properties::jsonb, $2) AS boolean) END = $3)")
        #expect(try compile("properties eq null", .thing, postgres).0 == "((o.properties::jsonb #>> '{}') IS NULL)")
        #expect(try compile("unitOfMeasurement/symbol eq 'mm'", .datastream).1 == [.string("$.\"symbol\""), .string("mm")])
        #expect(try compile("parameters/depth lt 2.5", .observation).1.last == .double(2.5))
        let (when, whenBinds) = try compile("properties/installed lt 2026-09-10T06:35:00Z")
        #expect(when == "(json_extract(o.properties, ?) < ?)" && whenBinds.last == .string("2026-09-10T06:35:00Z"))
    }

    @Test func resultsCompareAsNumbersOrText() throws {
        #expect(try both("result gt 5", .observation) == ("(o.result_number > ?)", "(o.result_number > $1)"))
        #expect(try both("result eq 'wet'", .observation) == ("(json_extract(o.result, '$') = ?)", "((o.result::jsonb #>> '{}') = $1)"))
        #expect(try compile("result/value lt 2", .observation).1 == [.string("$.\"value\""), .string("$.\"value\""), .int(2)])
        #expect(try compile("result eq null", .observation).0 == "(json_extract(o.result, '$') IS NULL)")
        #expect(try compile("result add 1 gt 5", .observation).0 == "((o.result_number + ?) > ?)")
    }

    @Test func timesBindDatesAndIntervalsCompareByTheirStart() throws {
        let (text, binds) = try compile("phenomenonTime ge 2026-09-10T14:35:00+08:00", .observation)
        #expect(text == "(o.phenomenon_time_start >= ?)" && binds == [.date(Date(timeIntervalSince1970: 1_789_022_100))])
        #expect(try compile("resultTime lt 2026-09-10", .observation).1 == [.date(Date(timeIntervalSince1970: 1_788_998_400))])
        #expect(try compile("validTime ne null", .observation).0 == "(o.valid_time_start IS NOT NULL)")
        #expect(try compile("resultTime gt now()", .observation).1 == [.date(Date(timeIntervalSince1970: 1_800_000_000))])
        #expect(try compile("time gt 2026-01-01T00:00:00Z", .historicalLocation).0 == "(o.time > ?)")
        #expect(try both("date(resultTime) eq 2026-09-10", .observation)
                == ("(date(o.result_time, 'unixepoch') = ?)", "(CAST((o.result_time) AT TIME ZONE 'UTC' AS date) = CAST($1 AS date))"))
        #expect(try compile("date(resultTime) eq 2026-09-10", .observation).1 == [.string("2026-09-10")])
        #expect(try both("year(phenomenonTime) eq 2026", .observation)
                == ("(CAST(strftime('%Y', o.phenomenon_time_start, 'unixepoch') AS INTEGER) = ?)",
                    "(CAST(EXTRACT(YEAR FROM (o.phenomenon_time_start) AT TIME ZONE 'UTC') AS integer) = $1)"))
        #expect(try both("time(resultTime) lt 06:00", .observation)
                == ("(time(o.result_time, 'unixepoch') < ?)", "(CAST((o.result_time) AT TIME ZONE 'UTC' AS time) < CAST($1 AS time))"))
        for function in ["month", "day", "hour", "minute", "second", "fractionalseconds", "totaloffsetminutes"] {
            _ = try both("\(function)(resultTime) eq 1", .observation)
        }
        _ = try both("resultTime gt mindatetime() and resultTime lt maxdatetime()", .observation)
    }

    @Test func stringFunctionsMapToEachDatabase() throws {
        #expect(try both("substringof('ubud', tolower(name))") == ("(instr(lower(o.name), ?) > 0)", "(strpos(lower(o.name), $1) > 0)"))
        #expect(try both("startswith(name, 'Pos')").sqlite == "(substr(o.name, 1, length(?)) = ?)")
        #expect(try both("endswith(name, 'Ubud')").sqlite == "(length(o.name) >= length(?) AND substr(o.name, length(o.name) - length(?) + 1) = ?)")
        #expect(try both("indexof(name, 'U') eq 4") == ("((instr(o.name, ?) - 1) = ?)", "((strpos(o.name, $1) - 1) = $2)"))
        #expect(try both("substring(name, 1, 3) eq 'os '")
                == ("(substr(o.name, max(?, 0) + 1, max(?, 0)) = ?)",
                    "(substr(o.name, CAST(LEAST(GREATEST($1, 0), 2147483646) AS integer) + 1, CAST(LEAST(GREATEST($2, 0), 2147483647) AS integer)) = $3)"))
        #expect(try both("substring(name, 1) eq 'os'").sqlite == "(substr(o.name, max(?, 0) + 1) = ?)")
        #expect(try both("length(trim(toupper(name))) gt 1").sqlite == "(length(trim(upper(o.name))) > ?)")
        #expect(try both("concat(name, '!') eq 'x!'").postgres == "((o.name || $1) = $2)")
        #expect(try compile("length(properties/owner/name) eq 4").0 == "(length(json_extract(o.properties, ?)) = ?)")
    }

    @Test func arithmeticAndMathGuardDivision() throws {
        #expect(try both("id div 2 eq 1") == ("((o.id / ?) = ?)", "((o.id / NULLIF($1, 0)) = $2)"))
        #expect(try both("id mod 2 eq 1") == ("((o.id % ?) = ?)", "((o.id % NULLIF($1, 0)) = $2)"))
        #expect(try both("result mod 2 eq 1", .observation).postgres
                == "(CAST(mod(CAST(o.result_number AS numeric), CAST(NULLIF($1, 0) AS numeric)) AS double precision) = $2)")
        #expect(try both("id add 1 sub 2 mul 3 eq 0").sqlite == "(((o.id + ?) - (? * ?)) = ?)")
        #expect(try both("round(result) eq 3", .observation)
                == ("(round(o.result_number) = ?)", "(CAST(round(CAST(o.result_number AS numeric)) AS double precision) = $1)"))
        #expect(try both("floor(result) eq 2", .observation)
                == ("((CASE WHEN o.result_number >= 0 OR CAST(o.result_number AS INTEGER) = o.result_number THEN CAST(o.result_number AS INTEGER) ELSE CAST(o.result_number AS INTEGER) - 1 END) = ?)",
                    "(floor(o.result_number) = $1)"))
        #expect(try both("ceiling(result) eq 2", .observation).postgres == "(ceiling(o.result_number) = $1)")
        #expect(try compile("round(id) eq 2").0 == "(o.id = ?)")
    }

    @Test func geoFunctionsCallKertaGeoOrPostGIS() throws {
        let (text, binds) = try compile("st_within(location, geography'POINT(115.21 -8.65)')", .location)
        #expect(text == "(kerta_geo('st_within', o.geom, ?) = 1)" && binds == [.string("WKT:POINT(115.21 -8.65)")])
        let (pg, pgBinds) = try compile("st_within(location, geography'POINT(115.21 -8.65)')", .location, postgres)
        #expect(pg == "ST_Within(ST_SetSRID(ST_GeomFromGeoJSON(o.geom), 4326), ST_GeomFromText($1, 4326))" && pgBinds == [.string("POINT(115.21 -8.65)")])
        #expect(try both("geo.distance(location, geography'POINT(1 2)') lt 0.01", .location)
                == ("(kerta_geo('geo.distance', o.geom, ?) < ?)", "(ST_Distance(ST_SetSRID(ST_GeomFromGeoJSON(o.geom), 4326), ST_GeomFromText($1, 4326)) < $2)"))
        #expect(try both("geo.length(location) gt 1", .location)
                == ("(kerta_geo('geo.length', o.geom, NULL) > ?)", "(ST_Length(ST_SetSRID(ST_GeomFromGeoJSON(o.geom), 4326)) > $1)"))
        let (relate, relateBinds) = try compile("st_relate(location, geometry'POINT(1 2)', 't*f**f***')", .location)
        #expect(relate == "(kerta_geo('st_relate', o.geom, ?, ?) = 1)" && relateBinds == [.string("WKT:POINT(1 2)"), .string("T*F**F***")])
        #expect(try both("st_relate(location, geometry'POINT(1 2)', 'T********')", .location).postgres
                == "ST_Relate(ST_SetSRID(ST_GeomFromGeoJSON(o.geom), 4326), ST_GeomFromText($1, 4326), $2)")
        #expect(try compile("st_intersects(FeatureOfInterest/feature, geometry'POINT(1 2)')", .observation).0
                == "(kerta_geo('st_intersects', (SELECT o_1.geom FROM sta_features o_1 WHERE o_1.id = o.feature_id), ?) = 1)")
        let names = ["geo.intersects": "ST_Intersects", "st_equals": "ST_Equals", "st_disjoint": "ST_Disjoint", "st_touches": "ST_Touches",
                     "st_overlaps": "ST_Overlaps", "st_crosses": "ST_Crosses", "st_intersects": "ST_Intersects", "st_contains": "ST_Contains"]
        for (function, postgis) in names {
            let pair = try both("\(function)(observedArea, geography'POINT(1 2)')", .datastream)
            #expect(pair.sqlite == "(kerta_geo('\(function)', o.observed_area, ?) = 1)")
            #expect(pair.postgres.hasPrefix(postgis + "(ST_SetSRID(ST_GeomFromGeoJSON(o.observed_area), 4326)"))
        }
        #expect(problem("st_within(location, geography'POINT(1 2)')", .location, plainPostgres)
                == "$filter: st_within: geo functions need PostGIS, which this database does not have")
        #expect(problem("st_within(name, geography'POINT(1 2)')", .location) == "$filter: st_within needs geometries, not a string")
        #expect(problem("st_relate(location, geography'POINT(1 2)', 'nope')", .location)?.contains("DE-9IM") == true)
        #expect(problem("location eq 'x'", .location) == "$filter: 'eq' cannot compare a geometry with a string")
        let expression = try STAFilterParser(entity: .location).parseFilter("st_within(location, geography'POINT(1 2)') or st_touches(location, geometry'LINESTRING(0 0, 1 1)')")
        #expect(expression.geometryLiterals == ["POINT(1 2)", "LINESTRING(0 0, 1 1)"])
    }

    @Test func typeErrorsNameTheOperatorOrFunction() {
        #expect(problem("name eq 5") == "$filter: 'eq' cannot compare a string with an integer")
        #expect(problem("id gt 'x'") == "$filter: 'gt' cannot compare an integer with a string")
        #expect(problem("result gt 2026-01-01T00:00:00Z and resultTime eq 5", .observation) == "$filter: 'eq' cannot compare a date-time with an integer")
        #expect(problem("not id") == "$filter: 'not' needs a condition, not an integer")
        #expect(problem("-name eq 1") == "$filter: '-' needs a number, not a string")
        #expect(problem("length(3) eq 1") == "$filter: length needs a string, not an integer")
        #expect(problem("tolower(id) eq 'a'") == "$filter: tolower needs a string, not an integer")
        #expect(problem("substring(name, 1.5) eq 'a'") == "$filter: substring needs an integer, not a number")
        #expect(problem("year(name) eq 1") == "$filter: year needs a date-time, not a string")
        #expect(problem("round(name) eq 1") == "$filter: round needs a number, not a string")
        #expect(problem("name add 1 eq 2") == "$filter: 'add' needs numbers, not a string and an integer")
        #expect(problem("name and id eq 1") == "$filter: 'and' needs conditions, not a string")
        #expect(problem("name") == "$filter: must be a condition, not a string")
        #expect(problem("id add 1") == "$filter: must be a condition, not an integer")
        #expect(problem("resultTime eq 06:00", .observation) == "$filter: 'eq' cannot compare a date-time with a time of day")
        #expect(problem("date(resultTime) eq resultTime", .observation) == "$filter: 'eq' cannot compare a date with a date-time")
    }

    @Test func clientTextOnlyEverTravelsAsBinds() throws {
        let hostile = "x'); DROP TABLE sta_things; --"
        let (text, binds) = try compile("name eq '\(hostile.replacingOccurrences(of: "'", with: "''"))' or properties/a_b eq 'y'")
        #expect(!text.contains("DROP") && !text.contains("a_b") && !text.contains("--"))
        #expect(binds == [.string(hostile), .string("$.\"a_b\""), .string("y")])
        let (pg, pgBinds) = try compile("substringof('\(hostile.replacingOccurrences(of: "'", with: "''"))', name)", .thing, postgres)
        #expect(!pg.contains("DROP") && pgBinds == [.string(hostile)])
        #expect(!(try compile("st_within(location, geography'POINT(1 2)); DROP TABLE x; --')", .location).0.contains("DROP")))
        #expect(!(try compile("- -5 eq id").0.contains("--")))
    }

    @Test func orderingListsKeysAStableOrderCanExtend() throws {
        let items = try STAFilterParser(entity: .observation, option: "$orderby").parseOrderBy("phenomenonTime desc,id asc")
        #expect(try sqlite.orderBy(items, entity: .observation, alias: "o").text(for: .sqlite) == "o.phenomenon_time_start DESC, o.id ASC")
        #expect(try postgres.orderBy(items, entity: .observation, alias: "o").text(for: postgres.dialect)
                == "o.phenomenon_time_start DESC NULLS LAST, o.id ASC NULLS FIRST")
        let result = try STAFilterParser(entity: .observation).parseOrderBy("result desc")
        #expect(try sqlite.orderBy(result, entity: .observation, alias: "o").text(for: .sqlite) == "o.result_number DESC, json_extract(o.result, '$') DESC")
        #expect(try postgres.orderBy(result, entity: .observation, alias: "o").text(for: postgres.dialect)
                == "o.result_number DESC NULLS LAST, (o.result::jsonb) DESC NULLS LAST")
        let member = try STAFilterParser(entity: .thing).parseOrderBy("properties/level, Datastream/name".replacingOccurrences(of: ", Datastream/name", with: ""))
        let memberSQL = try postgres.orderBy(member, entity: .thing, alias: "t")
        #expect(memberSQL.text(for: postgres.dialect) == "jsonb_extract_path(t.properties::jsonb, $1) ASC NULLS FIRST" && memberSQL.binds == [.string("level")])
        let navigated = try STAFilterParser(entity: .observation).parseOrderBy("Datastream/name desc, length(Datastream/Thing/name)")
        #expect(try sqlite.orderBy(navigated, entity: .observation, alias: "o").text(for: .sqlite)
                == "(SELECT o_1.name FROM sta_datastreams o_1 WHERE o_1.id = o.datastream_id) DESC, length((SELECT o_2.name FROM sta_datastreams o_1 JOIN sta_things o_2 ON o_2.id = o_1.thing_id WHERE o_1.id = o.datastream_id)) ASC")
        let geometry = try STAFilterParser(entity: .location).parseOrderBy("location")
        let refused = #expect(throws: STAQueryError.self) { try sqlite.orderBy(geometry, entity: .location, alias: "l") }
        #expect(refused?.message == "$orderby: cannot order by a geometry")
        let distance = try STAFilterParser(entity: .location).parseOrderBy("geo.distance(location, geography'POINT(1 2)')")
        #expect(try sqlite.orderBy(distance, entity: .location, alias: "l").text(for: .sqlite) == "kerta_geo('geo.distance', l.geom, ?) ASC")
        #expect(try sqlite.orderBy([], entity: .thing, alias: "t").isEmpty)
    }

    @Test func deepTreesBuiltByHandAreRefusedNotRecursedWithoutEnd() throws {
        var expression = STAExpression.literal(.bool(true))
        for _ in 0..<2_000 { expression = .unary(.not, expression) }
        let refused = #expect(throws: STAQueryError.self) { try sqlite.condition(expression, entity: .thing, alias: "t") }
        #expect(refused?.message == "$filter: expression nested too deeply")
        let chain = (1...200).map { "id eq \($0)" }.joined(separator: " or ")
        let (text, binds) = try compile(chain)
        #expect(binds.count == 200 && text.hasPrefix(String(repeating: "(", count: 200)))
    }

    @Test func noParsedInputMakesTheCompilerCrashOrWriteClientText() {
        let pieces = ["(", ")", "'a'", ",", "/", "-", " eq ", " and ", " or ", "not ", " add ", " div ", " mod ", "name", "id", "result", "1", "0", "1.5",
                      "2026-09-10", "2026-09-10T06:35:00Z", "06:35", "null", "true", "properties/x", "Datastream/name", "length(", "substring(",
                      "geo.distance(", "st_relate(", "location", "geography'POINT(1 2)'", "year(", "now()", "round(", "concat(", "e\u{301}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 1...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for entity in [STAEntityType.thing, .observation, .location] {
                guard let expression = try? STAFilterParser(entity: entity).parseFilter(text) else { continue }
                for compiler in [sqlite, postgres, plainPostgres] {
                    if let sql = try? compiler.condition(expression, entity: entity, alias: "o") {
                        let rendered = sql.text(for: compiler.dialect)
                        #expect(!rendered.contains("'a'") && !rendered.contains("POINT") && !rendered.contains("--"), "\(text) → \(rendered)")
                    }
                    _ = try? compiler.orderBy([STAOrderItem(expression)], entity: entity, alias: "o")
                }
            }
        }
    }
}
