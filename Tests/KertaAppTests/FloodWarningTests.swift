import Fluent
import Foundation
@testable import KertaApp
@testable import KertaCommand
@testable import KertaPlatform
@testable import KertaSensors
import KertaCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Denpasar's gauges and the flood rules on real readings through SensorThings (crossings with hysteresis,
/// the rise, a silent gauge, alarms raised and cleared), the scales' versions, and the public warning's
/// two-person workflow from draft to cancel, with its CAP feed.
@Suite struct FloodWarningTests {
    static let start = wita("2026-11-25 14:00")

    /// Posts readings of the bridge's water level, five minutes apart from `from`.
    static func post(_ values: [Double], from: Date, stream: Int64, sta: SensorThingsTests.STA, clock: ManualClock? = nil) async throws {
        // The server's clock at the last reading: readings ahead of it by more than ten minutes do not judge the river.
        clock?.set(max(clock?.now() ?? from, from.addingTimeInterval(Double(values.count - 1) * 300)))
        let rows = values.enumerated().map { #"["\#(STATime.text(from.addingTimeInterval(Double($0.offset) * 300)))",\#($0.element)]"# }
        try await sta.call(.POST, "CreateObservations",
                           #"[{"Datastream":{"@iot.id":\#(stream)},"components":["phenomenonTime","result"],"dataArray":[\#(rows.joined(separator: ","))]}]"#,
                           expect: .created)
    }

    static func alarms(_ app: Application, _ source: String) async throws -> [Alarm] {
        try await Alarm.query(on: app.db).filter(\.$source == source).sort(\.$firstAt).all()
    }

    @Test func theDemoSeedsTheCitysGaugesWithTheirScales() async throws {
        try await withKerta(demo: true) { app in
            let gauges = try await FloodGauge.query(on: app.db).sort(\.$code).all()
            #expect(gauges.count == 15)
            #expect(gauges.filter { $0.latitude != nil }.count == 8)
            let views = try await FloodService(db: app.db, now: { Date() }).gauges(language: .indonesian, staBase: "http://x/sta/v1.1")
            let bridge = try #require(views.first { $0.code == "RIV-01" })
            #expect(bridge.scale.status == "published" && bridge.scale.waspadaCm == 30 && bridge.scale.siagaCm == 116 && bridge.scale.awasCm == 266)
            // Seeded without readings (the full demo adds a day of them): no level is claimed until one arrives.
            #expect(bridge.level.code == "unknown" && bridge.level.word == "Belum ada data")
            let dam = try #require(views.first { $0.code == "RIV-09" })
            #expect(dam.scale.status == "not_published" && dam.level.code == "unknown" && dam.level.word == "Ambang belum ditetapkan")
            // Each is a SensorThings Thing with its water-level Datastream.
            let sta = try await SensorThingsTests.sta(app)
            let things = try await sta.get("Things?$filter=properties/code eq 'RIV-01'&$expand=Datastreams,Locations")
            let thing = try #require(SensorThingsTests.values(things).first)
            #expect(SensorThingsTests.array(thing["Datastreams"] ?? .null).first?["unitOfMeasurement"]?["symbol"]?.string == "cm")
            #expect(SensorThingsTests.array(thing["Locations"] ?? .null).count == 1)
            #expect(try await sta.get("Datastreams?$filter=unitOfMeasurement/symbol eq 'mm'&$count=true")["@iot.count"]?.int == 2)
            let gauge = try #require(try await FloodGauge.query(on: app.db).filter(\.$code == "RIV-01").first())
            try await Self.post([12], from: Date(), stream: gauge.levelStreamID, sta: sta)
            let now = try await FloodService(db: app.db, now: { Date() }).gauges(language: .english, staBase: "http://x/sta/v1.1")
            #expect(now.first { $0.code == "RIV-01" }?.level.word == "Normal")
        }
    }

    @Test func crossingsRaiseAndClearAlarmsWithHysteresisAndAFastRiseAlarmsFirst() async throws {
        try await withKerta(demo: true) { app in
            let clock = ManualClock(Self.start)
            app.kertaClock = clock
            let sta = try await SensorThingsTests.sta(app)
            let gauge = try #require(try await FloodGauge.query(on: app.db).filter(\.$code == "RIV-01").first())
            // A fast rise below the first mark: the rise alarm alone.
            try await Self.post([5, 9, 16, 27], from: Self.start, stream: gauge.levelStreamID, sta: sta, clock: clock)
            try await app.alarmEngine.run(on: app.db)
            var alarms = try await Self.alarms(app, "gauge:RIV-01")
            #expect(alarms.map(\.type) == ["flood_rising"])
            // Hovering at Waspada's mark: one level change, one alarm, however often it crosses.
            try await Self.post([31, 28, 30.5, 27, 32], from: Self.start.addingTimeInterval(20 * 60), stream: gauge.levelStreamID, sta: sta, clock: clock)
            try await app.alarmEngine.run(on: app.db)
            let changes = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM events WHERE type = 'flood.level_changed'").first()?.decode(column: "n", as: Int.self)
            #expect(changes == 1)
            alarms = try await Self.alarms(app, "gauge:RIV-01")
            #expect(alarms.filter { $0.type == "flood_waspada" }.count == 1)
            #expect(alarms.first { $0.type == "flood_waspada" }?.count == 1)
            // Up through Siaga (the alarm an operator acknowledges), then down below Waspada's band: cleared.
            try await Self.post([60, 120, 150], from: Self.start.addingTimeInterval(45 * 60), stream: gauge.levelStreamID, sta: sta, clock: clock)
            try await app.alarmEngine.run(on: app.db)
            let siaga = try #require(try await Self.alarms(app, "gauge:RIV-01").first { $0.type == "flood_siaga" })
            #expect(siaga.priority == .high && siaga.titleEN.contains("Standby (Level 2)"))
            let operatorUser = try #require(try await User.query(on: app.db).filter(\.$email == "operator@kerta.example").first())
            _ = try await AlarmService(db: app.db, hub: nil, now: { app.kertaClock.now() }).transition(id: try siaga.requireID(), AlarmTransition(to: .acknowledged), by: operatorUser)
            try await Self.post([100, 40, 22], from: Self.start.addingTimeInterval(60 * 60), stream: gauge.levelStreamID, sta: sta, clock: clock)
            try await app.alarmEngine.run(on: app.db)
            let after = try await Self.alarms(app, "gauge:RIV-01")
            // Acknowledged and back to normal: resolved. Waspada was never acknowledged: still open, with a note.
            #expect(after.first { $0.type == "flood_siaga" }?.state == .resolved)
            let waspada = try #require(after.first { $0.type == "flood_waspada" })
            #expect(waspada.state == .open)
            #expect(try await AlarmNote.query(on: app.db).filter(\.$alarmID == waspada.requireID()).count() == 1)
            let refreshed = try #require(try await FloodGauge.find(gauge.id, on: app.db))
            #expect(refreshed.level == .normal && refreshed.lastValue == 22)
            // An old reading replayed by a logger's backlog fills the history without moving the level.
            try await Self.post([200], from: Self.start.addingTimeInterval(-3600), stream: gauge.levelStreamID, sta: sta, clock: clock)
            #expect(try await FloodGauge.find(gauge.id, on: app.db)?.level == .normal)
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
        }
    }

    @Test func aSilentGaugeRaisesSensorOfflineUntilItReportsAgain() async throws {
        try await withKerta(demo: true) { app in
            let clock = ManualClock(Self.start)
            app.kertaClock = clock
            let sta = try await SensorThingsTests.sta(app)
            let gauge = try #require(try await FloodGauge.query(on: app.db).filter(\.$code == "RIV-04").first())
            try await Self.post([10], from: Self.start, stream: gauge.levelStreamID, sta: sta, clock: clock)
            let watch = FloodWatch(db: app.db, hub: app.eventHub, now: { clock.now() })
            clock.set(Self.start.addingTimeInterval(TimeInterval(gauge.expectedIntervalSeconds)))
            #expect(try await watch.run() == 0)
            clock.set(Self.start.addingTimeInterval(TimeInterval(gauge.expectedIntervalSeconds + 60)))
            #expect(try await watch.run() == 1)
            #expect(try await watch.run() == 0)
            try await app.alarmEngine.run(on: app.db)
            let offline = try #require(try await Self.alarms(app, "gauge:RIV-04").first { $0.type == "gauge_offline" })
            #expect(offline.state == .open)
            let operatorUser = try #require(try await User.query(on: app.db).filter(\.$email == "operator@kerta.example").first())
            _ = try await AlarmService(db: app.db, hub: nil, now: { app.kertaClock.now() }).transition(id: try offline.requireID(), AlarmTransition(to: .acknowledged), by: operatorUser)
            try await Self.post([11], from: clock.now(), stream: gauge.levelStreamID, sta: sta, clock: clock)
            try await app.alarmEngine.run(on: app.db)
            #expect(try await Alarm.find(offline.id, on: app.db)?.state == .resolved)
            #expect(try await FloodGauge.find(gauge.id, on: app.db)?.offlineSince == nil)
        }
    }

    @Test func anOperatorSetsAScaleWhereNoneWasPublishedAndEarlierVersionsStay() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let operatorToken = try await client.token("operator@kerta.example")
            let resident = try await client.token("warga@kerta.example")
            struct Scale: Content { let waspada_cm: Double; let siaga_cm: Double; let awas_cm: Double; let basis: String }
            func set(_ body: [String: String], token: String?, expect status: HTTPResponseStatus) async throws -> String {
                var text = ""
                let scale = Scale(waspada_cm: Double(body["waspada_cm"]!)!, siaga_cm: Double(body["siaga_cm"]!)!, awas_cm: Double(body["awas_cm"]!)!, basis: body["basis"]!)
                try await app.testing().test(.POST, "api/v1/flood/gauges/RIV-02/thresholds", headers: client.headers(token), beforeRequest: { req in
                    try req.content.encode(scale)
                }) { res in
                    expectDocumented(.POST, "api/v1/flood/gauges/RIV-02/thresholds", res)
                    #expect(res.status == status, "\(res.body.string)")
                    text = res.body.string
                }
                return text
            }
            _ = try await set(["waspada_cm": "40", "siaga_cm": "120", "awas_cm": "250", "basis": "x"], token: resident, expect: .forbidden)
            let refused = try await set(["waspada_cm": "120", "siaga_cm": "40", "awas_cm": "250", "basis": "Kajian BWS"], token: operatorToken, expect: .unprocessableEntity)
            #expect(refused.contains("siaga_cm"))
            let made = try await set(["waspada_cm": "40", "siaga_cm": "120", "awas_cm": "250", "basis": "Kajian BWS Bali-Penida 2026"], token: operatorToken, expect: .created)
            #expect(made.contains("\"operator_set\""))
            let gauge = try #require(try await FloodGauge.query(on: app.db).filter(\.$code == "RIV-02").first())
            #expect(try await FloodThreshold.query(on: app.db).filter(\.$gaugeID == gauge.requireID()).count() == 2)
            #expect(try await FloodMonitor.scale(of: gauge, at: Date().addingTimeInterval(-86400 * 30), on: app.db) == nil)
            #expect(try await FloodMonitor.scale(of: gauge, at: Date().addingTimeInterval(60), on: app.db)?.siaga == 120)
        }
    }

    @Test func aWarningGoesFromDraftToApprovalToPublicationAndIsUpdatedAndCancelled() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let operatorToken = try await client.token("operator@kerta.example")
            let supervisor = try await client.token("pimpinan@kerta.example")
            @discardableResult
            func call(_ method: HTTPMethod, _ path: String, _ body: [String: String]? = nil, token: String, expect status: HTTPResponseStatus) async throws -> JSONValue {
                var answer = JSONValue.null
                try await app.testing().test(method, "api/v1/" + path, headers: client.headers(token), beforeRequest: { req in
                    if let body { try req.content.encode(body) }
                }) { res in
                    expectDocumented(method, "api/v1/" + path, res)
                    #expect(res.status == status, "\(method) \(path): \(res.body.string)")
                    answer = JSONValue.parse(res.body.string) ?? .null
                }
                return answer
            }
            let expires = String(WITATimestamp.string(from: Date().addingTimeInterval(6 * 3600)).prefix(16))
            let form = ["headline_id": "Siaga: banjir Tukad Badung di Pasar Badung", "headline_en": "Standby: Tukad Badung flooding at Pasar Badung",
                        "instruction_id": "Siapkan evakuasi; jauhi bantaran sungai.", "instruction_en": "Prepare to evacuate; keep away from the riverbank.",
                        "urgency": "Immediate", "severity": "Severe", "certainty": "Likely", "response_type": "Prepare",
                        "area_description": "Bantaran Tukad Badung, Pemecutan", "circle": "-8.6557,115.2122 1", "desa_codes": "5171031007",
                        "expires": expires, "gauge_code": "RIV-01"]
            // Refusals name their field; nothing is drafted.
            var bad = form
            bad["urgency"] = "Unknown"
            bad["circle"] = nil
            let refused = try await call(.POST, "warnings", bad, token: operatorToken, expect: .unprocessableEntity)
            #expect(refused.text.contains("urgency") && refused.text.contains("area"))
            let draft = try await call(.POST, "warnings", form, token: operatorToken, expect: .created)
            let id = try #require(draft["id"]?.string)
            #expect(draft["state"]?.string == "draft")
            // One person alone cannot publish: not before approval, and not approving one's own draft.
            try await call(.POST, "warnings/\(id)/publish", token: operatorToken, expect: .conflict)
            try await call(.POST, "warnings/\(id)/approve", token: operatorToken, expect: .forbidden)
            let admin = try await client.token("admin@kerta.example")
            let adminDraft = try await call(.POST, "warnings", form, token: admin, expect: .created)
            try await call(.POST, "warnings/\(try #require(adminDraft["id"]?.string))/approve", token: admin, expect: .forbidden)
            try await call(.POST, "warnings/\(id)/approve", token: supervisor, expect: .ok)
            let published = try await call(.POST, "warnings/\(id)/publish", token: operatorToken, expect: .ok)
            let identifier = try #require(published["identifier"]?.string)
            #expect(published["state"]?.string == "published")
            // In the Atom feed, as CAP, and in the JSON list.
            var feed = ""
            try await app.testing().test(.GET, "alerts.atom") { res in
                #expect(res.headers.contentType?.description.hasPrefix("application/atom+xml") == true)
                feed = res.body.string
            }
            #expect(feed.contains("/alerts/\(identifier).cap") && feed.contains("denpasar-bpbd-2025-0001") == false)
            var cap = ""
            try await app.testing().test(.GET, "alerts/\(identifier).cap") { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description.hasPrefix("application/cap+xml") == true)
                cap = res.body.string
            }
            #expect(cap.contains("<msgType>Alert</msgType>") && cap.contains("<language>id-ID</language>") && cap.contains("<language>en-US</language>"))
            #expect(cap.contains("<circle>-8.6557") && cap.contains("<expires>"))
            // An Update refers to it and takes it out of force; a Cancel of the update likewise.
            let update = try await call(.POST, "warnings", form.merging(["msg_type": "Update", "references": id, "headline_id": "Awas: banjir Tukad Badung",
                                                                       "headline_en": "Danger: Tukad Badung flooding", "severity": "Extreme"]) { $1 },
                                        token: operatorToken, expect: .created)
            let updateID = try #require(update["id"]?.string)
            try await call(.POST, "warnings/\(updateID)/approve", token: supervisor, expect: .ok)
            let updated = try await call(.POST, "warnings/\(updateID)/publish", token: supervisor, expect: .ok)
            let updateIdentifier = try #require(updated["identifier"]?.string)
            #expect(try await Warning.find(UUID(uuidString: id), on: app.db)?.state == .superseded)
            try await app.testing().test(.GET, "alerts/\(updateIdentifier).cap") { res in
                #expect(res.body.string.contains("<msgType>Update</msgType>"))
                #expect(res.body.string.contains("<references>\(WarningService.sender),\(identifier),"))
            }
            // Updating the superseded one is refused: only a warning in force is updated or cancelled.
            try await call(.POST, "warnings", form.merging(["msg_type": "Cancel", "references": id]) { $1 }, token: operatorToken, expect: .conflict)
            let cancel = try await call(.POST, "warnings", ["msg_type": "Cancel", "references": updateID, "headline_id": "Dibatalkan: banjir Tukad Badung",
                                                           "headline_en": "Cancelled: Tukad Badung flooding", "expires": expires],
                                        token: operatorToken, expect: .created)
            let cancelID = try #require(cancel["id"]?.string)
            try await call(.POST, "warnings/\(cancelID)/approve", token: supervisor, expect: .ok)
            try await call(.POST, "warnings/\(cancelID)/publish", token: operatorToken, expect: .ok)
            #expect(try await Warning.find(UUID(uuidString: updateID), on: app.db)?.state == .cancelled)
            var list = JSONValue.null
            try await app.testing().test(.GET, "alerts.json") { res in list = JSONValue.parse(res.body.string) ?? .null }
            let warnings = SensorThingsTests.array(list["warnings"] ?? .null)
            #expect(warnings.count == 3)
            #expect(warnings.filter { $0["in_force"] == .bool(true) }.count == 1)
            #expect(warnings.first?["msg_type"]?.string == "Cancel")
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
        }
    }
}
