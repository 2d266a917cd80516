import Foundation
import KertaCore
import Testing

@Suite struct STAQueryOptionsTests {
    func problem(_ items: [String: String], _ entity: STAEntityType = .thing) -> String? {
        (#expect(throws: STAQueryError.self) { try STAQueryOptions(parsing: items, entity: entity) })?.message
    }

    @Test func absentOptionsTakeTheirDefaults() throws {
        let options = try STAQueryOptions(parsing: [:], entity: .thing)
        #expect(options.top == 100 && options.skip == 0 && !options.count && options.filter == nil)
        #expect(options.expand.isEmpty && options.select.isEmpty && options.orderBy.isEmpty && options.resultFormat == nil)
        #expect(options == STAQueryOptions(entity: .thing))
        let others = try STAQueryOptions(parsing: ["page": "2", "lang": "id"], entity: .thing)
        #expect(others == STAQueryOptions(entity: .thing))
    }

    @Test func everyOptionIsRead() throws {
        let options = try STAQueryOptions(parsing: [
            "$filter": "result gt 5", "$orderby": "phenomenonTime desc,id asc", "$top": "10", "$skip": "20",
            "$count": "true", "$select": "result,phenomenonTime,@iot.id,Datastream", "$expand": "Datastream",
            "$resultFormat": "dataArray",
        ], entity: .observation)
        #expect(options.filter != nil && options.top == 10 && options.skip == 20 && options.count && options.resultFormat == .dataArray)
        #expect(options.orderBy.map(\.descending) == [true, false])
        let observation = STAEntityType.observation
        #expect(options.select == [.property(observation.property(named: "result")!), .property(observation.property(named: "phenomenonTime")!),
                                   .property(observation.property(named: "id")!), .navigation(observation.navigation(named: "Datastream")!)])
        #expect(options.expand.map(\.navigation.name) == ["Datastream"] && options.expand[0].options.entity == .datastream)
        #expect(try STAQueryOptions(parsing: ["$top": "0"], entity: .thing).top == 0)
        #expect(try STAQueryOptions(parsing: ["$top": "10000"], entity: .thing).top == 10_000)
        #expect(try STAQueryOptions(parsing: ["$count": "false"], entity: .thing).count == false)
        #expect(try STAQueryOptions(parsing: ["$orderBy": "name"], entity: .thing).orderBy.count == 1)
        #expect(try STAQueryOptions(parsing: ["$select": "id, name"], entity: .thing).select.count == 2)
        #expect(try STAQueryOptions(parsing: ["$select": "id,@iot.id"], entity: .thing).select.count == 1)
        #expect(try STAQueryOptions(parsing: ["$id": "../../Locations(3)"], entity: .location).id == "../../Locations(3)")
    }

    @Test func expandsNestWithTheirOwnOptions() throws {
        let options = try STAQueryOptions(parsing: [
            "$expand": "Datastreams($select=name;$expand=Observations($top=3;$orderby=phenomenonTime desc)),Locations",
        ], entity: .thing)
        #expect(options.expand.map(\.navigation.name) == ["Datastreams", "Locations"])
        let datastreams = options.expand[0].options
        #expect(datastreams.entity == .datastream && datastreams.select == [.property(STAEntityType.datastream.property(named: "name")!)])
        let observations = datastreams.expand[0].options
        #expect(datastreams.expand[0].navigation.name == "Observations" && observations.entity == .observation)
        #expect(observations.top == 3 && observations.orderBy.count == 1 && observations.orderBy[0].descending)

        let path = try STAQueryOptions(parsing: ["$expand": "Datastreams/Observations($top=1),Datastreams/Sensor"], entity: .thing)
        #expect(path.expand.count == 1 && path.expand[0].navigation.name == "Datastreams")
        #expect(path.expand[0].options.expand.map(\.navigation.name) == ["Observations", "Sensor"])
        #expect(path.expand[0].options.expand[0].options.top == 1)

        let filtered = try STAQueryOptions(parsing: ["$expand": "Datastreams($filter=name eq 'a;b,c' and length(name) gt 2;$count=true)"], entity: .thing)
        #expect(filtered.expand[0].options.filter != nil && filtered.expand[0].options.count)
        let merged = try STAQueryOptions(parsing: ["$expand": "Datastreams,Datastreams($top=2)"], entity: .thing)
        #expect(merged.expand.count == 1 && merged.expand[0].options.top == 2)
        let empty = try STAQueryOptions(parsing: ["$expand": "Datastreams()"], entity: .thing)
        #expect(empty.expand[0].options == STAQueryOptions(entity: .datastream))
    }

    @Test func badValuesAreRefusedNamingTheOption() {
        #expect(problem(["$top": "10001"]) == "$top: must be an integer from 0 to 10000")
        #expect(problem(["$top": "-1"]) == "$top: must be an integer from 0 to 10000")
        #expect(problem(["$top": "ten"]) == "$top: must be an integer from 0 to 10000")
        #expect(problem(["$top": "99999999999999999999999"]) == "$top: must be an integer from 0 to 10000")
        #expect(problem(["$top": ""]) == "$top: must be an integer from 0 to 10000")
        #expect(problem(["$skip": "-5"]) == "$skip: must be a non-negative integer")
        #expect(problem(["$skip": "1.5"]) == "$skip: must be a non-negative integer")
        #expect(problem(["$count": "yes"]) == "$count: must be true or false")
        #expect(problem(["$resultFormat": "csv"]) == "$resultFormat: only dataArray is supported")
        #expect(problem(["$format": "json"])?.hasPrefix("$format: unknown query option") == true)
        #expect(problem(["$filter": "nmae eq 'x'"]) == "$filter: unknown property 'nmae' of Thing at 1")
        #expect(problem(["$orderby": "nmae"]) == "$orderby: unknown property 'nmae' of Thing at 1")
        #expect(problem(["$top": "1", "$TOP": "2"])?.hasSuffix("is given twice") == true)
        #expect(problem(["$select": "name,nmae"]) == "$select: unknown property 'nmae' of Thing at 6")
        #expect(problem(["$select": "name,,id"]) == "$select: expected a property name at 6")
        #expect(problem(["$select": "properties/owner"]) == "$select: unknown property 'properties/owner' of Thing at 1")
    }

    @Test func badExpandsAreRefusedNamingWhere() {
        #expect(problem(["$expand": "Sensors"]) == "$expand: unknown navigation 'Sensors' of Thing at 1")
        #expect(problem(["$expand": "Datastreams/Sensors"]) == "$expand: unknown navigation 'Sensors' of Datastream at 13")
        #expect(problem(["$expand": "Locations,Datastreams/"]) == "$expand: expected a navigation name at 23")
        #expect(problem(["$expand": "Datastreams($top=1"]) == "$expand: expected ')' at 19")
        #expect(problem(["$expand": "Datastreams)"]) == "$expand: ')' without '(' at 12")
        #expect(problem(["$expand": "Datastreams($top=1)x"]) == "$expand: nothing may follow the options of 'Datastreams' at 1")
        #expect(problem(["$expand": "Datastreams(top=1)"]) == "$expand: expected $option=value inside the parentheses of 'Datastreams' at 13")
        #expect(problem(["$expand": "Datastreams($filter=nmae eq 1)"])
                == "$expand/Datastreams/$filter: unknown property 'nmae' of Datastream at 1")
        #expect(problem(["$expand": "Datastreams($expand=Observations($select=nmae))"])
                == "$expand/Datastreams/$expand/Observations/$select: unknown property 'nmae' of Observation at 1")
        #expect(problem(["$expand": "Datastreams($top=20000)"]) == "$expand/Datastreams/$top: must be an integer from 0 to 10000")
        #expect(problem(["$expand": "Datastreams($foo=1)"])?.hasPrefix("$expand/Datastreams/$foo: unknown query option") == true)
        #expect(problem(["$expand": "Datastreams($resultFormat=dataArray)"]) != nil)
        #expect(problem(["$expand": "Datastreams($top=1),Datastreams($top=2)"]) == "$expand: 'Datastreams' is expanded twice with options at 21")
        #expect(problem(["$expand": "Datastreams($filter=name eq 'x)"]) != nil)
        #expect(problem(["$expand": ""]) == "$expand: expected a navigation name at 1")
    }

    @Test func expandNestingIsBounded() throws {
        let hops = (0..<8).map { _ in "Thing/Datastreams" }.joined(separator: "/")
        _ = try STAQueryOptions(parsing: ["$expand": "Datastreams/" + (0..<7).map { _ in "Thing/Datastreams" }.joined(separator: "/")], entity: .thing)
        #expect(problem(["$expand": "Datastreams/" + hops])?.contains("nested more than 16 levels") == true)
        let parenthesised = String(repeating: "Datastreams($expand=Thing($expand=", count: 50) + "Datastreams" + String(repeating: "))", count: 50)
        #expect(problem(["$expand": parenthesised])?.contains("nested more than 16 levels") == true)
        let unbalanced = String(repeating: "Datastreams($expand=", count: 10_000)
        #expect(problem(["$expand": unbalanced]) != nil)
    }

    @Test func noInputCrashesTheOptionsOrThePath() {
        let pieces = ["Datastreams", "Observations", "Thing", "(", ")", "$top=1", "$select=name", "$expand=", "$filter=id eq 1", ";", ",", "/",
                      "'", "=", "$", "1", "x", " ", "e\u{301}", "$ref", "$value", "name", "Things", "(1)", "('2')"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for key in ["$expand", "$select", "$orderby", "$top", "$filter"] {
                _ = try? STAQueryOptions(parsing: [key: text], entity: .thing)
            }
            _ = try? STAPath(parsing: text)
        }
    }
}
