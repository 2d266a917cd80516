import Fluent
import Foundation
@testable import KertaApp
@testable import KertaPlatform
@testable import KertaSensors
import KertaCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// OGC SensorThings API 1.1 at /sta/v1.1, as a gauge network and its clients use it: deep insert, every
/// query option, navigation, $value and $ref, writes and the cascade, data arrays, and the 400s.
@Suite struct SensorThingsTests {
    struct STA {
        let app: Application
        let key: String

        @discardableResult
        func call(_ method: HTTPMethod, _ path: String, _ body: String? = nil, key: String?? = nil,
                  expect status: HTTPResponseStatus? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (HTTPResponseStatus, JSONValue, HTTPHeaders) {
            var result: (HTTPResponseStatus, JSONValue, HTTPHeaders) = (.ok, .null, [:])
            var headers: HTTPHeaders = ["Content-Type": "application/json"]
            if let given = key ?? self.key { headers.bearerAuthorization = BearerAuthorization(token: given) }
            try await app.testing().test(method, "sta/v1.1/" + path, headers: headers, beforeRequest: { req in
                if let body { req.body = ByteBuffer(string: body) }
            }) { res in
                result = (res.status, JSONValue.parse(res.body.string) ?? .string(res.body.string), res.headers)
                if let status { #expect(res.status == status, "\(method) \(path): \(res.body.string)", sourceLocation: sourceLocation) }
            }
            return result
        }

        func get(_ path: String, key: String?? = .some(nil), sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
            try await call(.GET, path, key: key, expect: .ok, sourceLocation: sourceLocation).1
        }

        /// A 400 whose message names `words`.
        func refused(_ method: HTTPMethod, _ path: String, _ body: String? = nil, naming words: String, status: HTTPResponseStatus = .badRequest,
                     sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let (code, answer, _) = try await call(method, path, body, expect: status, sourceLocation: sourceLocation)
            #expect(code == status, sourceLocation: sourceLocation)
            #expect(answer["type"]?.string == "error", sourceLocation: sourceLocation)
            let message = answer["message"]?.string ?? ""
            #expect(message.contains(words), "\(path): \(message)", sourceLocation: sourceLocation)
        }
    }

    static func sta(_ app: Application) async throws -> STA {
        let (_, secret) = try await ApiKeyService(db: app.db, now: { Date() }).create(name: "Test gauges", ratePerMinute: 100_000, scope: .sensors)
        return STA(app: app, key: secret)
    }

    /// Tukad Badung at the Pasar Badung bridge, its water-level Datastream, made in one deep insert.
    static let bridge = """
    {"name":"AWLR Jembatan Pasar Badung","description":"Water level recorder with siren","properties":{"river":"Tukad Badung","code":"RIV-01"},
     "Locations":[{"name":"Jembatan Pasar Badung","description":"Bridge over Tukad Badung","encodingType":"application/geo+json",
                   "location":{"type":"Point","coordinates":[115.2122,-8.6557]}}],
     "Datastreams":[{"name":"Tinggi muka air","description":"Water level above normal","observationType":"http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                     "unitOfMeasurement":{"name":"centimetre","symbol":"cm","definition":"http://qudt.org/vocab/unit/CentiM"},
                     "Sensor":{"name":"Radar AWLR","description":"Radar water level sensor","encodingType":"application/pdf","metadata":"https://example.org/awlr.pdf"},
                     "ObservedProperty":{"name":"Water level","definition":"http://vocabs.lter-europe.net/EnvThes/22035","description":"Height of the water above normal"}}]}
    """

    @Test func deepInsertMakesTheWholeThingWithItsLinksAndAHistoricalLocation() async throws {
        try await withKerta { app in
            let sta = try await Self.sta(app)
            let (_, thing, headers) = try await sta.call(.POST, "Things", Self.bridge, expect: .created)
            let id = try #require(thing["@iot.id"]?.int)
            #expect(headers.first(name: .location) == "\(Self.base(app))/Things(\(id))")
            #expect(thing["@iot.selfLink"]?.string == "\(Self.base(app))/Things(\(id))")
            #expect(thing["Datastreams@iot.navigationLink"]?.string == "\(Self.base(app))/Things(\(id))/Datastreams")
            #expect(thing["properties"]?["river"]?.string == "Tukad Badung")
            let streams = try await sta.get("Things(\(id))/Datastreams?$expand=Sensor,ObservedProperty,Thing/Locations")
            let stream = try #require(streams["value"].flatMap { if case .array(let a) = $0 { a.first } else { nil } })
            #expect(stream["unitOfMeasurement"]?["symbol"]?.string == "cm")
            #expect(stream["Sensor"]?["name"]?.string == "Radar AWLR")
            #expect(stream["ObservedProperty"]?["name"]?.string == "Water level")
            #expect(stream["Thing"]?["Locations"].flatMap { if case .array(let a) = $0 { a.count } else { nil } } == 1)
            let history = try await sta.get("Things(\(id))/HistoricalLocations?$expand=Locations")
            #expect(Self.values(history).count == 1)
            // Linking by id: a second Datastream on the same Sensor and ObservedProperty.
            let sensor = try #require(stream["Sensor"]?["@iot.id"]?.int)
            let property = try #require(stream["ObservedProperty"]?["@iot.id"]?.int)
            try await sta.call(.POST, "Things(\(id))/Datastreams", """
                {"name":"Curah hujan","description":"Rain","observationType":"http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                 "unitOfMeasurement":{"name":"millimetre","symbol":"mm","definition":"http://qudt.org/vocab/unit/MilliM"},
                 "Sensor":{"@iot.id":\(sensor)},"ObservedProperty":{"@iot.id":\(property)}}
                """, expect: .created)
            let count = try await sta.get("Things(\(id))/Datastreams?$count=true&$top=0")
            #expect(count["@iot.count"]?.int == 2)
            #expect(Self.values(try await sta.get("Sensors(\(sensor))/Datastreams")).count == 2)
        }
    }

    @Test func observationsTakeTheirFeatureFromTheThingsLocationAndAnswerEveryQueryOption() async throws {
        try await withKerta { app in
            let sta = try await Self.sta(app)
            let thing = try await sta.call(.POST, "Things", Self.bridge, expect: .created).1
            let thingID = try #require(thing["@iot.id"]?.int)
            let stream = try #require(Self.values(try await sta.get("Things(\(thingID))/Datastreams")).first?["@iot.id"]?.int)
            let levels: [Double] = [12, 18, 25, 31, 47, 80, 121, 140, 96, 40]
            for (minute, level) in levels.enumerated() {
                try await sta.call(.POST, "Datastreams(\(stream))/Observations",
                                   #"{"phenomenonTime":"2026-11-25T0\#(minute):00:00Z","result":\#(level),"parameters":{"battery":\#(13 - Double(minute) / 10)}}"#,
                                   expect: .created)
            }
            // The feature of interest came from the Thing's Location, once.
            let features = try await sta.get("FeaturesOfInterest?$count=true")
            #expect(features["@iot.count"]?.int == 1)
            #expect(Self.values(features).first?["feature"]?["type"]?.string == "Point")
            // $filter: comparison, logical, arithmetic, functions.
            func results(_ query: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [Double] {
                try Self.values(try await sta.get("Datastreams(\(stream))/Observations?" + query, sourceLocation: sourceLocation)).compactMap { $0["result"]?.number }
            }
            #expect(try await results("$filter=result gt 100&$orderby=result") == [121, 140])
            #expect(try await results("$filter=result ge 40 and result le 80&$orderby=result desc") == [80, 47, 40])
            #expect(try await results("$filter=result lt 15 or result eq 140&$orderby=result") == [12, 140])
            #expect(try await results("$filter=not (result lt 100)&$orderby=result") == [121, 140])
            #expect(try await results("$filter=result add 10 gt 140 or result mul 2 eq 24&$orderby=result") == [12, 140])
            #expect(try await results("$filter=result sub 1 eq 30 or result div 4 eq 10&$orderby=result") == [31, 40])
            #expect(try await results("$filter=result mod 10 eq 7") == [47])
            #expect(try await results("$filter=round(result div 3) eq 27") == [80])
            #expect(try await results("$filter=floor(result div 10) eq 9 or ceiling(result div 10) eq 2&$orderby=result") == [12, 18, 96])
            #expect(try await results("$filter=phenomenonTime ge 2026-11-25T08:00:00Z&$orderby=phenomenonTime") == [96, 40])
            #expect(try await results("$filter=hour(phenomenonTime) eq 5") == [80])
            #expect(try await results("$filter=year(phenomenonTime) eq 2026 and month(phenomenonTime) eq 11 and day(phenomenonTime) eq 25&$top=2") == [12, 18])
            #expect(try await results("$filter=parameters/battery lt 12.15&$orderby=result") == [40])
            #expect(try await results("$filter=Datastream/Thing/name eq 'AWLR Jembatan Pasar Badung'&$top=1") == [12])
            #expect(try await results("$filter=startswith(Datastream/name, 'Tinggi') and length(Datastream/unitOfMeasurement/symbol) eq 2&$top=1") == [12])
            #expect(try await results("$filter=substringof('muka', Datastream/name) and endswith(Datastream/name, 'air') and tolower(Datastream/name) eq 'tinggi muka air'&$top=1") == [12])
            #expect(try await results("$filter=indexof(Datastream/name, 'muka') eq 7 and substring(Datastream/name, 7, 4) eq 'muka' and concat(Datastream/name, '!') eq 'Tinggi muka air!'&$top=1") == [12])
            #expect(try await results("$filter=toupper(trim(Datastream/name)) eq 'TINGGI MUKA AIR'&$top=1") == [12])
            // Geo: the feature is at the bridge, inside a box around the city centre and far from Sanur.
            let box = "geography'POLYGON((115.20 -8.67, 115.23 -8.67, 115.23 -8.64, 115.20 -8.64, 115.20 -8.67))'"
            #expect(try await results("$filter=st_within(FeatureOfInterest/feature, \(box))&$top=1") == [12])
            #expect(try await results("$filter=st_intersects(FeatureOfInterest/feature, \(box))&$top=1") == [12])
            #expect(try await results("$filter=geo.distance(FeatureOfInterest/feature, geography'POINT(115.2622 -8.6840)') lt 0.01&$top=1") == [])
            #expect(try await results("$filter=geo.distance(FeatureOfInterest/feature, geography'POINT(115.2122 -8.6557)') lt 0.001&$top=1") == [12])
            #expect(Self.values(try await sta.get("Locations?$filter=st_within(location, \(box))")).count == 1)
            #expect(Self.values(try await sta.get("Locations?$filter=st_disjoint(location, \(box))")).count == 0)
            // $orderby on several keys, $top/$skip, $count and the next page.
            let page = try await sta.get("Datastreams(\(stream))/Observations?$orderby=result desc,phenomenonTime asc&$top=3&$skip=1&$count=true")
            #expect(page["@iot.count"]?.int == 10)
            #expect(Self.values(page).compactMap { $0["result"]?.number } == [121, 96, 80])
            let next = try #require(page["@iot.nextLink"]?.string)
            #expect(next.contains("$skip=4") && next.contains("$top=3"))
            let path = String(next.dropFirst(Self.base(app).count + 1))
            #expect(Self.values(try await sta.get(path)).compactMap { $0["result"]?.number } == [47, 40, 31])
            // $select and $expand nested with their own options.
            let selected = try await sta.get("Datastreams(\(stream))/Observations?$select=result,phenomenonTime&$top=1")
            #expect(Set(Self.values(selected).first?.members?.map(\.0) ?? []) == ["result", "phenomenonTime"])
            let nested = try await sta.get("Things(\(thingID))?$expand=Datastreams($select=name;$expand=Observations($filter=result gt 100;$orderby=result desc;$top=1;$count=true))")
            let expanded = try #require(nested["Datastreams"].map(Self.array)?.first)
            #expect(expanded["name"]?.string == "Tinggi muka air")
            #expect(expanded["Observations@iot.count"]?.int == 2)
            #expect(Self.array(expanded["Observations"] ?? .null).compactMap { $0["result"]?.number } == [140])
            // A filtered expansion's next page is not linked (its options are not kept as text); a plain one is.
            #expect(expanded["Observations@iot.nextLink"] == nil)
            let plain = try await sta.get("Datastreams(\(stream))?$expand=Observations($top=4)")
            let more = try #require(plain["Observations@iot.nextLink"]?.string)
            #expect(Self.values(try await sta.get(String(more.dropFirst(Self.base(app).count + 1)))).count == 4)
            // Properties, $value and $ref.
            let name = try await sta.get("Things(\(thingID))/name")
            #expect(name["name"]?.string == "AWLR Jembatan Pasar Badung")
            var raw = ""
            try await app.testing().test(.GET, "sta/v1.1/Things(\(thingID))/name/$value") { res in raw = res.body.string }
            #expect(raw == "AWLR Jembatan Pasar Badung")
            let refs = try await sta.get("Things(\(thingID))/Datastreams/$ref")
            #expect(Self.values(refs).first?.members?.map(\.0) == ["@iot.selfLink"])
            // The Data Array format.
            let array = try await sta.get("Datastreams(\(stream))/Observations?$resultFormat=dataArray&$select=id,phenomenonTime,result&$orderby=phenomenonTime&$top=2")
            let group = try #require(Self.values(array).first)
            #expect(group["components"] == .array([.string("id"), .string("phenomenonTime"), .string("result")]))
            #expect(group["dataArray@iot.count"]?.int == 2)
            #expect(Self.array(group["dataArray"] ?? .null).first.map(Self.array)?.last?.number == 12)
            // Signed-out readers see public Things — and not where a private one stands.
            try await sta.call(.POST, "Things", """
                {"name":"Test gauge","description":"Not yet in service","properties":{"kerta:private":true},
                 "Locations":[{"name":"Workshop","description":"BPBD workshop","encodingType":"application/geo+json","location":{"type":"Point","coordinates":[115.23,-8.67]}}]}
                """, expect: .created)
            #expect(Self.values(try await sta.get("Things", key: .some(nil))).count == 1)
            #expect(Self.values(try await sta.get("Things", key: .some(sta.key))).count == 2)
            #expect(Self.values(try await sta.get("Locations", key: .some(nil))).count == 1)
            #expect(Self.values(try await sta.get("HistoricalLocations", key: .some(nil))).count == 1)
        }
    }

    @Test func createObservationsStoresADataArrayWholeOrRefusesItWhole() async throws {
        try await withKerta { app in
            let sta = try await Self.sta(app)
            let thing = try await sta.call(.POST, "Things", Self.bridge, expect: .created).1
            let thingID = try #require(thing["@iot.id"]?.int)
            let stream = try #require(Self.values(try await sta.get("Things(\(thingID))/Datastreams")).first?["@iot.id"]?.int)
            let rows = (0..<100).map { #"["2026-11-25T10:\#(String(format: "%02d", $0 % 60)):\#(String(format: "%02d", $0 / 60))Z",\#(20 + $0 % 7)]"# }
            let body = #"[{"Datastream":{"@iot.id":\#(stream)},"components":["phenomenonTime","result"],"dataArray@iot.count":100,"dataArray":[\#(rows.joined(separator: ","))]}]"#
            let (_, links, _) = try await sta.call(.POST, "CreateObservations", body, expect: .created)
            #expect(Self.array(links).count == 100)
            #expect(Self.array(links).first?.string?.hasPrefix("\(Self.base(app))/Observations(") == true)
            #expect(try await sta.get("Datastreams(\(stream))/Observations?$count=true&$top=0")["@iot.count"]?.int == 100)
            // One bad row: nothing of the request is stored.
            try await sta.refused(.POST, "CreateObservations",
                                  #"[{"Datastream":{"@iot.id":\#(stream)},"components":["phenomenonTime","result"],"dataArray":[["2026-11-25T11:00:00Z",1],["yesterday",2]]}]"#,
                                  naming: "dataArray[1].phenomenonTime")
            try await sta.refused(.POST, "CreateObservations", #"[{"Datastream":{"@iot.id":999},"components":["result"],"dataArray":[[1]]}]"#, naming: "Datastream(999)")
            try await sta.refused(.POST, "CreateObservations", #"[{"Datastream":{"@iot.id":\#(stream)},"components":["result","colour"],"dataArray":[[1,2]]}]"#, naming: "colour")
            #expect(try await sta.get("Datastreams(\(stream))/Observations?$count=true&$top=0")["@iot.count"]?.int == 100)
        }
    }

    @Test func patchPutAndDeleteFollowTheStandardsCascade() async throws {
        try await withKerta { app in
            let sta = try await Self.sta(app)
            let thing = try await sta.call(.POST, "Things", Self.bridge, expect: .created).1
            let id = try #require(thing["@iot.id"]?.int)
            let stream = try #require(Self.values(try await sta.get("Things(\(id))/Datastreams")).first?["@iot.id"]?.int)
            try await sta.call(.POST, "Datastreams(\(stream))/Observations", #"{"result":42}"#, expect: .created)
            // PATCH changes what it names; PUT replaces (a required field left out is refused).
            try await sta.call(.PATCH, "Things(\(id))", #"{"description":"Recorder and siren 1"}"#, expect: .ok)
            #expect(try await sta.get("Things(\(id))")["description"]?.string == "Recorder and siren 1")
            #expect(try await sta.get("Things(\(id))")["name"]?.string == "AWLR Jembatan Pasar Badung")
            try await sta.refused(.PUT, "Things(\(id))", #"{"name":"Only a name"}"#, naming: "'description' is required")
            try await sta.call(.PUT, "Things(\(id))", #"{"name":"AWLR Pasar Badung","description":"Replaced"}"#, expect: .ok)
            #expect(try await sta.get("Things(\(id))")["properties"] == nil)
            // A new Location for the Thing is a move: a second HistoricalLocation.
            try await sta.call(.PATCH, "Things(\(id))", #"{"Locations":[{"name":"Temporary","description":"Moved for repairs","encodingType":"application/geo+json","location":{"type":"Point","coordinates":[115.2125,-8.6560]}}]}"#, expect: .ok)
            #expect(Self.values(try await sta.get("Things(\(id))/HistoricalLocations")).count == 2)
            let temporary = try #require(Self.values(try await sta.get("Things(\(id))/Locations")).first)
            #expect(temporary["name"]?.string == "Temporary")
            // Deleting a Location takes the HistoricalLocations that name it.
            try await sta.call(.DELETE, "Locations(\(try #require(temporary["@iot.id"]?.int)))", expect: .ok)
            #expect(Self.values(try await sta.get("Things(\(id))/HistoricalLocations")).count == 1)
            #expect(try await sta.get("HistoricalLocations?$count=true&$top=0")["@iot.nextLink"] == nil)
            // Deleting the Thing takes its Datastreams, their Observations and its HistoricalLocations; the Sensor stays.
            try await sta.call(.DELETE, "Things(\(id))", expect: .ok)
            try await sta.call(.GET, "Things(\(id))", expect: .notFound)
            try await sta.call(.GET, "Datastreams(\(stream))", expect: .notFound)
            #expect(try await sta.get("Observations?$count=true")["@iot.count"]?.int == 0)
            #expect(try await sta.get("HistoricalLocations?$count=true")["@iot.count"]?.int == 0)
            #expect(try await sta.get("Sensors?$count=true")["@iot.count"]?.int == 1)
            // Deleting the Sensor takes the Datastreams made on it.
            let again = try await sta.call(.POST, "Things", Self.bridge, expect: .created).1
            let againID = try #require(again["@iot.id"]?.int)
            let sensor = try #require(try await sta.get("Things(\(againID))/Datastreams?$expand=Sensor").asFirstValue?["Sensor"]?["@iot.id"]?.int)
            try await sta.call(.DELETE, "Sensors(\(sensor))", expect: .ok)
            #expect(try await sta.get("Datastreams?$count=true")["@iot.count"]?.int == 0)
        }
    }

    @Test func badRequestsAreRefusedWithTheirCauseNeverA500AndNothingIsWritten() async throws {
        try await withKerta { app in
            let sta = try await Self.sta(app)
            try await sta.refused(.GET, "Things?$filter=name eq", naming: "$filter")
            try await sta.refused(.GET, "Things?$filter=nmae eq 'x'", naming: "nmae")
            try await sta.refused(.GET, "Things?$filter=length(3) eq 1", naming: "length")
            try await sta.refused(.GET, "Things?$orderby=colour", naming: "colour")
            try await sta.refused(.GET, "Things?$top=10001", naming: "$top")
            try await sta.refused(.GET, "Things?$expand=Sensors", naming: "Sensors")
            try await sta.refused(.GET, "Things?$select=nmae", naming: "nmae")
            try await sta.refused(.GET, "Things?$bogus=1", naming: "$bogus")
            try await sta.refused(.GET, "Thingz", naming: "Thingz")
            try await sta.refused(.GET, "Things('x')", naming: "id")
            try await sta.call(.GET, "Things(12345)", expect: .notFound)
            // Writing: a missing required field, a wrong type, an unknown property, a broken link — and nothing stored.
            try await sta.refused(.POST, "Things", #"{"description":"no name"}"#, naming: "'name' is required")
            try await sta.refused(.POST, "Things", #"{"name":5,"description":"x"}"#, naming: "Thing.name must be a string")
            try await sta.refused(.POST, "Things", #"{"name":"x","description":"x","colour":"red"}"#, naming: "colour")
            try await sta.refused(.POST, "Things", #"{"name":"x","description":"x","Locations":[{"name":"l","description":"d","encodingType":"application/geo+json","location":{"type":"Point"}}]}"#,
                                  naming: "location")
            try await sta.refused(.POST, "Things", #"{"name":"x","description":"x","Datastreams":[{"name":"d","description":"d","observationType":"o","unitOfMeasurement":{},"Sensor":{"@iot.id":77},"ObservedProperty":{"@iot.id":78}}]}"#,
                                  naming: "@iot.id 77")
            try await sta.refused(.POST, "Observations", #"{"result":1}"#, naming: "'Datastream' is required")
            try await sta.refused(.POST, "Things", "{not json", naming: "JSON")
            #expect(try await sta.get("Things?$count=true")["@iot.count"]?.int == 0)
            #expect(try await sta.get("Locations?$count=true")["@iot.count"]?.int == 0)
            // Writing needs a sensor key; an Open311 key is not one.
            try await sta.call(.POST, "Things", Self.bridge, key: .some(nil), expect: .unauthorized)
            let (_, open311) = try await ApiKeyService(db: app.db, now: { Date() }).create(name: "Civic app")
            try await sta.call(.POST, "Things", Self.bridge, key: .some(open311), expect: .forbidden)
            // HTTP Basic with the key as the password, for clients that only do Basic.
            var status: HTTPResponseStatus = .internalServerError
            try await app.testing().test(.POST, "sta/v1.1/Things", headers: ["Authorization": "Basic " + Data("gauge:\(sta.key)".utf8).base64EncodedString(),
                                                                             "Content-Type": "application/json"], beforeRequest: { req in
                req.body = ByteBuffer(string: Self.bridge)
            }) { res in status = res.status }
            #expect(status == .created)
        }
    }

    @Test func theServiceRootListsTheEntitySetsAndTheConformanceClasses() async throws {
        try await withKerta { app in
            var root = JSONValue.null
            try await app.testing().test(.GET, "sta/v1.1") { res in root = JSONValue.parse(res.body.string) ?? .null }
            #expect(Self.values(root).compactMap { $0["name"]?.string } == ["Things", "Locations", "HistoricalLocations", "Datastreams", "Sensors",
                                                                           "ObservedProperties", "Observations", "FeaturesOfInterest"])
            let classes = Self.array(root["serverSettings"]?["conformance"] ?? .null).compactMap(\.string)
            #expect(classes.contains("http://www.opengis.net/spec/iot_sensing/1.1/req/create-update-delete"))
            #expect(classes.contains("http://www.opengis.net/spec/iot_sensing/1.1/req/data-array/data-array"))
            #expect(!classes.contains { $0.contains("mqtt") || $0.contains("batch") })
        }
    }

    static func base(_ app: Application) -> String { app.kertaConfiguration.publicURL + "/sta/v1.1" }

    static func array(_ value: JSONValue) -> [JSONValue] {
        if case .array(let items) = value { return items }
        return []
    }

    static func values(_ value: JSONValue) -> [JSONValue] { array(value["value"] ?? .null) }
}

extension JSONValue {
    var asFirstValue: JSONValue? { SensorThingsTests.values(self).first }
}
