import Foundation
import KertaCore
import Testing

/// Prefix notation, so precedence reads at a glance: `(or (eq name 'a') (gt @iot.id 1))`.
private func show(_ expression: STAExpression) -> String {
    switch expression {
    case .literal(let literal):
        switch literal {
        case .null: return "null"
        case .bool(let value): return "\(value)"
        case .int(let value): return "\(value)"
        case .double(let value): return "\(value)d"
        case .string(let value): return "'\(value)'"
        case .dateTime(let date): return "@\(date.timeIntervalSince1970)"
        case .date(let y, let m, let d): return "date:\(y)-\(m)-\(d)"
        case .timeOfDay(let text): return "time:\(text)"
        case .geometry(let wkt, let geography): return (geography ? "geography:" : "geometry:") + wkt
        }
    case .property(let path): return path.text
    case .unary(let op, let operand): return "(\(op.rawValue) \(show(operand)))"
    case .binary(let op, let left, let right): return "(\(op.rawValue) \(show(left)) \(show(right)))"
    case .function(let function, let arguments): return "\(function.rawValue)(" + arguments.map(show).joined(separator: ", ") + ")"
    }
}

@Suite struct STAQueryFilterTests {
    let things = STAFilterParser(entity: .thing)
    let observations = STAFilterParser(entity: .observation)
    let datastreams = STAFilterParser(entity: .datastream)

    func parse(_ text: String, _ parser: STAFilterParser? = nil) throws -> String {
        show(try (parser ?? things).parseFilter(text))
    }

    func problem(_ text: String, _ parser: STAFilterParser? = nil) -> String? {
        (#expect(throws: STAQueryError.self) { try (parser ?? things).parseFilter(text) })?.message
    }

    @Test func everyOperatorParses() throws {
        for op in ["eq", "ne", "gt", "ge", "lt", "le"] {
            #expect(try parse("@iot.id \(op) 1") == "(\(op) @iot.id 1)")
        }
        for op in ["add", "sub", "mul", "div", "mod"] {
            #expect(try parse("id \(op) 2 eq 3") == "(eq (\(op) @iot.id 2) 3)")
        }
        #expect(try parse("name eq 'a' and name eq 'b'") == "(and (eq name 'a') (eq name 'b'))")
        #expect(try parse("name eq 'a' or name eq 'b'") == "(or (eq name 'a') (eq name 'b'))")
        #expect(try parse("not (name eq 'a')") == "(not (eq name 'a'))")
        #expect(try parse("-id lt 0") == "(lt (- @iot.id) 0)")
        #expect(try parse("id EQ 1 AND NOT (id Eq 2)") == "(and (eq @iot.id 1) (not (eq @iot.id 2)))")
    }

    @Test func precedenceFollowsOData() throws {
        #expect(try parse("id eq 1 or id eq 2 and id eq 3") == "(or (eq @iot.id 1) (and (eq @iot.id 2) (eq @iot.id 3)))")
        #expect(try parse("id eq 1 and id eq 2 or id eq 3") == "(or (and (eq @iot.id 1) (eq @iot.id 2)) (eq @iot.id 3))")
        #expect(try parse("id add 2 mul 3 eq 8") == "(eq (add @iot.id (mul 2 3)) 8)")
        #expect(try parse("id sub 1 sub 2 eq 0") == "(eq (sub (sub @iot.id 1) 2) 0)")
        #expect(try parse("id div 2 mod 3 eq 1") == "(eq (mod (div @iot.id 2) 3) 1)")
        #expect(try parse("(id add 2) mul 3 eq 9") == "(eq (mul (add @iot.id 2) 3) 9)")
        #expect(try parse("-id mul 2 eq -4") == "(eq (mul (- @iot.id) 2) -4)")
        // `not` binds tighter than comparisons, as in OData: `not a eq b` is `(not a) eq b`.
        #expect(try parse("not startswith(name, 'a') eq true") == "(eq (not startswith(name, 'a')) true)")
        #expect(try parse("id eq 1 and (id eq 2 or id eq 3)") == "(and (eq @iot.id 1) (or (eq @iot.id 2) (eq @iot.id 3)))")
    }

    @Test func literalsOfEveryKind() throws {
        #expect(try parse("name eq null") == "(eq name null)")
        #expect(try parse("true and false") == "(and true false)")
        #expect(try parse("id eq 42") == "(eq @iot.id 42)")
        #expect(try parse("id eq -42") == "(eq @iot.id -42)")
        #expect(try parse("id eq 9223372036854775807") == "(eq @iot.id 9223372036854775807)")
        #expect(try parse("id eq 1.5") == "(eq @iot.id 1.5d)")
        #expect(try parse("id eq 1.5e3") == "(eq @iot.id 1500.0d)")
        #expect(try parse("id eq 2E-2") == "(eq @iot.id 0.02d)")
        #expect(try parse("id eq 99999999999999999999") == "(eq @iot.id 1e+20d)")
        #expect(try parse("name eq 'it''s'") == "(eq name 'it's')")
        #expect(try parse("name eq ''") == "(eq name '')")
        #expect(try parse("name eq 'Jalan Raya Puputan, Denpasar'") == "(eq name 'Jalan Raya Puputan, Denpasar')")
        let utc = try observations.parseFilter("resultTime eq 2026-09-10T06:35:00Z")
        #expect(utc == .binary(.eq, .property(STAPropertyPath(property: STAEntityType.observation.property(named: "resultTime")!)),
                               .literal(.dateTime(Date(timeIntervalSince1970: 1_789_022_100)))))
        // WITA, eight hours ahead: the same instant as 06:35 UTC written as 14:35+08:00.
        #expect(try parse("resultTime eq 2026-09-10T14:35:00+08:00", observations) == "(eq resultTime @1789022100.0)")
        #expect(try parse("resultTime eq 2026-09-10T06:35:00.250Z", observations) == "(eq resultTime @1789022100.25)")
        #expect(try parse("resultTime eq 2026-09-10T02:35-04:00", observations) == "(eq resultTime @1789022100.0)")
        #expect(try parse("date(resultTime) eq 2026-09-10", observations) == "(eq date(resultTime) date:2026-9-10)")
        #expect(try parse("time(resultTime) eq 06:35", observations) == "(eq time(resultTime) time:06:35:00)")
        #expect(try parse("time(resultTime) lt 06:35:10.5", observations) == "(lt time(resultTime) time:06:35:10.5)")
        #expect(try parse("st_within(location, geography'POINT(115.21 -8.65)')", STAFilterParser(entity: .location))
                == "st_within(location, geography:POINT(115.21 -8.65))")
        #expect(try parse("st_within(location, geometry'POLYGON((0 0, 1 0, 1 1, 0 0))')", STAFilterParser(entity: .location))
                == "st_within(location, geometry:POLYGON((0 0, 1 0, 1 1, 0 0)))")
        #expect(try parse("resultTime le 2024-02-29T00:00:00Z", observations) == "(le resultTime @1709164800.0)")
    }

    @Test func propertyPathsResolveAgainstTheSchema() throws {
        #expect(try parse("Datastream/Thing/name eq 'Pos Ubud'", observations) == "(eq Datastream/Thing/name 'Pos Ubud')")
        #expect(try parse("properties/owner/name eq 'PUPR'") == "(eq properties/owner/name 'PUPR')")
        #expect(try parse("unitOfMeasurement/symbol eq 'mm'", datastreams) == "(eq unitOfMeasurement/symbol 'mm')")
        #expect(try parse("parameters/depth gt 2", observations) == "(gt parameters/depth 2)")
        #expect(try parse("result gt 5", observations) == "(gt result 5)")
        #expect(try parse("result/value gt 5", observations) == "(gt result/value 5)")
        #expect(try parse("FeatureOfInterest/feature ne null", observations) == "(ne FeatureOfInterest/feature null)")
        let path = try observations.parseFilter("Datastream/Thing/name eq 'x'")
        guard case .binary(_, .property(let resolved), _) = path else { Issue.record("not a comparison"); return }
        #expect(resolved.navigations.map(\.name) == ["Datastream", "Thing"] && resolved.property.column == "name" && resolved.members.isEmpty)
        let json = try things.parseFilter("properties/owner/name eq 'x'")
        guard case .binary(_, .property(let member), _) = json else { Issue.record("not a comparison"); return }
        #expect(member.property.name == "properties" && member.members == ["owner", "name"])
    }

    @Test func everyFunctionParses() throws {
        let calls = [
            "substringof('a', name)", "endswith(name, 'a')", "startswith(name, 'a')", "length(name) eq 1", "indexof(name, 'a') eq 0",
            "substring(name, 1) eq 'a'", "substring(name, 1, 2) eq 'a'", "tolower(name) eq 'a'", "toupper(name) eq 'a'",
            "trim(name) eq 'a'", "concat(name, 'a') eq 'ba'",
            "year(resultTime) eq 2026", "month(resultTime) eq 9", "day(resultTime) eq 10", "hour(resultTime) eq 6",
            "minute(resultTime) eq 35", "second(resultTime) eq 0", "fractionalseconds(resultTime) eq 0", "date(resultTime) eq 2026-09-10",
            "time(resultTime) eq 06:35:00", "totaloffsetminutes(resultTime) eq 0", "resultTime lt now()",
            "resultTime gt mindatetime()", "resultTime lt maxdatetime()",
            "round(result) eq 1", "floor(result) eq 1", "ceiling(result) eq 1",
        ]
        for call in calls {
            _ = try STAFilterParser(entity: .observation).parseFilter(call.replacingOccurrences(of: "name", with: "Datastream/name"))
        }
        let geo = [
            "geo.distance(location, geography'POINT(1 2)') lt 1", "geo.length(location) gt 0", "geo.intersects(location, geography'POINT(1 2)')",
            "st_equals(location, geography'POINT(1 2)')", "st_disjoint(location, geography'POINT(1 2)')",
            "st_touches(location, geography'POINT(1 2)')", "st_within(location, geography'POINT(1 2)')",
            "st_overlaps(location, geography'POINT(1 2)')", "st_crosses(location, geography'POINT(1 2)')",
            "st_intersects(location, geography'POINT(1 2)')", "st_contains(location, geography'POINT(1 2)')",
            "st_relate(location, geography'POINT(1 2)', 'T********')",
        ]
        for call in geo { _ = try STAFilterParser(entity: .location).parseFilter(call) }
        #expect(Set(STAFunction.allCases.map(\.rawValue)).count == 38)
    }

    @Test func functionsAreCheckedForNameAndArguments() {
        #expect(problem("foo(name) eq 1") == "$filter: unknown function 'foo' at 1")
        #expect(problem("length() eq 1") == "$filter: length takes 1 argument, not 0 at 1")
        #expect(problem("length(name, name) eq 1") == "$filter: length takes 1 argument, not 2 at 1")
        #expect(problem("substring(name) eq 'a'") == "$filter: substring takes 2 or 3 arguments, not 1 at 1")
        #expect(problem("substring(name, 1, 2, 3) eq 'a'") != nil)
        #expect(problem("st_relate(location, geography'POINT(1 2)')", STAFilterParser(entity: .location))
                == "$filter: st_relate takes 3 arguments, not 2 at 1")
        #expect(problem("now(1) eq 1") == "$filter: now takes 0 arguments, not 1 at 1")
        #expect(problem("length(name eq 1") == "$filter: expected ',' or ')' in length(…), found the end at 17")
    }

    @Test func errorsNameTheProblemAndWhere() {
        #expect(problem("nmae eq 'x'") == "$filter: unknown property 'nmae' of Thing at 1")
        #expect(problem("Datastream/Thing/nmae eq 'x'", observations) == "$filter: unknown property 'nmae' of Thing at 18")
        #expect(problem("(name eq 'x' and id eq 1") == "$filter: expected ')', found the end at 25")
        #expect(problem("name eq 'x')") == "$filter: unexpected ')' at 12")
        #expect(problem("name eq") == "$filter: expected an operand, found the end at 8")
        #expect(problem("eq 1") == "$filter: expected an operand, found the operator 'eq' at 1")
        #expect(problem("name eq 'x") == "$filter: unterminated string at 9")
        #expect(problem("") == "$filter: is empty")
        #expect(problem("   ") == "$filter: is empty")
        #expect(problem("name eq #") == "$filter: unexpected character '#' at 9")
        #expect(problem("Datastreams/name eq 'x'") != nil)
        #expect(problem("Datastreams/name eq 'x'")?.contains("'Datastreams' of Thing leads to many entities") == true)
        #expect(problem("Datastream eq null", observations) == "$filter: 'Datastream' is a navigation; name a property of Datastream after it at 1")
        #expect(problem("name/first eq 'x'") == "$filter: 'name' of Thing has no member 'first' at 6")
        #expect(problem("properties/1 eq 1") == "$filter: expected a name after '/', found a literal at 12")
        #expect(problem("resultTime eq 2026-09-10T06:35:00", observations) == "$filter: a date-time needs a time zone (Z or ±HH:MM) at 15")
        #expect(problem("resultTime eq 2026-02-30T06:35:00Z", observations) == "$filter: no such day 2026-02-30 at 15")
        #expect(problem("resultTime eq 2026-09-10T25:00:00Z", observations) == "$filter: no such time of day at 15")
        #expect(problem("resultTime eq 2026-9-10", observations) != nil)
        #expect(problem("resultTime eq 2026-09-10T06:35:00+8:00", observations) != nil)
        #expect(problem("resultTime eq duration'P1D'", observations) == "$filter: duration literals are not supported at 15")
        #expect(problem("name eq binary'AA'") == "$filter: unknown literal type 'binary' at 9")
        #expect(problem("id eq 12abc") == "$filter: malformed number at 7")
        #expect(problem("id eq 1e999") == "$filter: number out of range at 7")
        #expect(problem("name eq 'a' 'b'") == "$filter: unexpected a literal at 13")
        #expect(problem("id eq 1,") == "$filter: unexpected ',' at 8")
        #expect(problem("nmae eq 'x'", STAFilterParser(entity: .datastream, option: "$expand/Datastreams/$filter"))
                == "$expand/Datastreams/$filter: unknown property 'nmae' of Datastream at 1")
    }

    @Test func orderByTakesKeysWithDirections() throws {
        let items = try observations.parseOrderBy("phenomenonTime desc,id asc, result")
        #expect(items.map { show($0.expression) } == ["phenomenonTime", "@iot.id", "result"])
        #expect(items.map(\.descending) == [true, false, false])
        let expression = try observations.parseOrderBy("length(Datastream/name) DESC")
        #expect(expression.count == 1 && expression[0].descending && show(expression[0].expression) == "length(Datastream/name)")
        let orderProblem = #expect(throws: STAQueryError.self) { try STAFilterParser(entity: .thing, option: "$orderby").parseOrderBy("name sideways") }
        #expect(orderProblem?.message == "$orderby: expected ',', 'asc', 'desc' or the end, found 'sideways' at 6")
        #expect(throws: STAQueryError.self) { try STAFilterParser(entity: .thing, option: "$orderby").parseOrderBy("name,") }
        #expect(throws: STAQueryError.self) { try STAFilterParser(entity: .thing, option: "$orderby").parseOrderBy("") }
        let unknown = #expect(throws: STAQueryError.self) { try STAFilterParser(entity: .thing, option: "$orderby").parseOrderBy("nmae desc") }
        #expect(unknown?.message == "$orderby: unknown property 'nmae' of Thing at 1")
    }

    @Test func nestingIsBounded() throws {
        _ = try parse(String(repeating: "(", count: 60) + "id eq 1" + String(repeating: ")", count: 60))
        let deep = String(repeating: "(", count: 100_000) + "id eq 1" + String(repeating: ")", count: 100_000)
        #expect(problem(deep)?.hasPrefix("$filter: nested more than 64 levels") == true)
        #expect(problem(String(repeating: "not ", count: 10_000) + "true")?.hasPrefix("$filter: nested more than 64 levels") == true)
        #expect(problem(String(repeating: "-", count: 10_000) + "1 eq 1")?.hasPrefix("$filter: nested more than 64 levels") == true)
        #expect(problem(String(repeating: "length(", count: 10_000) + "name" + String(repeating: ")", count: 10_000))?
            .hasPrefix("$filter: nested more than 64 levels") == true)
        // A long chain is flat to write and tall as a tree: a hundred ids are fine, thousands are not.
        _ = try parse((1...100).map { "id eq \($0)" }.joined(separator: " or "))
        #expect(problem((1...5_000).map { "id eq \($0)" }.joined(separator: " or "))?.hasPrefix("$filter: expression too complex") == true)
    }

    @Test func noInputCrashesTheParser() {
        let pieces = ["(", ")", "'", "''", ",", "/", "-", "eq", "and", "not", "name", "id", "1", "1.5", "2026-09-10", "T", "Z", "+08:00",
                      "geography'", "length(", "substring(", "properties/", "@iot.id", " ", "e", "null", "06:35", "\u{0}", "é", "😀"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            _ = try? things.parseFilter(text)
            _ = try? things.parseOrderBy(text)
        }
    }
}
