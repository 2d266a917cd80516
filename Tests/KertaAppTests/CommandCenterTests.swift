import Fluent
import Foundation
@testable import KertaApp
@testable import KertaCommand
@testable import KertaComplaints
@testable import KertaPlatform
import KertaCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The command room: the alarm rules, deduplication, the life of an alarm and its shelving, the KPIs,
/// the map layer, who may see and do what, and the simulation.
@Suite struct CommandCenterTests {
    /// Wednesday 25 November 2026, 09:00 WITA: a working day with working days after it.
    static let start = wita("2026-11-25 09:00")

    func alarms(_ app: Application, token: String?, query: String = "") async throws -> AlarmList {
        var list: AlarmList?
        try await app.testing().test(.GET, "api/v1/alarms" + query, headers: Client(app: app).headers(token)) { res in
            expectDocumented(.GET, "api/v1/alarms", res)
            #expect(res.status == .ok, "\(res.body.string)")
            list = try res.content.decode(AlarmList.self)
        }
        return try #require(list)
    }

    @discardableResult
    func move(_ app: Application, _ id: String, _ body: [String: String], token: String?, expect status: HTTPResponseStatus = .ok) async throws -> AlarmDTO? {
        var alarm: AlarmDTO?
        try await app.testing().test(.POST, "api/v1/alarms/\(id)/transitions", headers: Client(app: app).headers(token), beforeRequest: { req in
            try req.content.encode(body)
        }) { res in
            expectDocumented(.POST, "api/v1/alarms/\(id)/transitions", res)
            #expect(res.status == status, "\(body): \(res.body.string)")
            if res.status == .ok { alarm = try res.content.decode(AlarmDTO.self) }
        }
        return alarm
    }

    func engine(_ app: Application) async throws -> AlarmEngine.Report {
        try await app.alarmEngine.run(on: app.db)
    }

    @Test("an overdue complaint raises one alarm; the same cause again counts it up instead of raising another")
    func overdueRaisesOnceAndRepeatsCount() async throws {
        try await withKerta(demo: true) { app in
            let clock = ManualClock(Self.start)
            app.kertaClock = clock
            let client = Client(app: app)
            let ticket = try #require(try await client.report()).ticket
            #expect(try await engine(app).raised == 0)
            // Verification is due within three working days; a week later the deadline job escalates it.
            clock.set(wita("2026-12-02 10:00"))
            _ = try await DeadlineJob(service: app.complaintService(on: app.db)).run()
            let report = try await engine(app)
            #expect(report.raised == 1)
            let operatorToken = try await client.token("operator@kerta.example")
            let list = try await alarms(app, token: operatorToken)
            let alarm = try #require(list.alarms.first { $0.type == "complaint_overdue" })
            #expect(alarm.source == "complaint:\(ticket)" && alarm.state == .open && alarm.count == 1 && alarm.subject?.ref == ticket)
            #expect(alarm.moves.contains(.acknowledged) && alarm.moves.contains(.shelved))
            // A second pass reads no event twice.
            #expect(try await engine(app) == AlarmEngine.Report())
            // The same type and source again: one alarm, counted twice, its last time moved.
            clock.set(wita("2026-12-02 11:00"))
            let trigger = AlarmTrigger(type: "complaint_overdue", source: "complaint:\(ticket)", priority: .medium,
                                       title: LocalizedText(id: "lagi", en: "again"), at: clock.now())
            let (again, outcome) = try await AlarmService(db: app.db, hub: nil, now: { clock.now() }).raise(trigger)
            #expect(outcome == .repeated && again.count == 2 && again.lastAt == clock.now())
            #expect(try await Alarm.query(on: app.db).count() == 1)
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
        }
    }

    @Test("a high-priority complaint waiting for verification past the set hours raises an alarm, not before")
    func verificationWaitingRule() async throws {
        try await withKerta(demo: true) { app in
            let clock = ManualClock(Self.start)
            app.kertaClock = clock
            let ticket = try #require(try await Client(app: app).report(category: "INFRA-JEMBATAN",
                                                                        description: "Jembatan kecil di atas tukad retak dan mulai miring, berbahaya")).ticket
            clock.set(Self.start.addingTimeInterval(3.5 * 3600))
            #expect(try await engine(app).raised == 0)
            clock.set(Self.start.addingTimeInterval(4.5 * 3600))
            #expect(try await engine(app).raised == 1)
            let alarm = try #require(try await Alarm.query(on: app.db).filter(\.$type == "verification_waiting").first())
            #expect(alarm.source == "complaint:\(ticket)" && alarm.priority == .high)
            // Still waiting on the next passes: a standing condition, one alarm, not counted up every minute.
            #expect(try await engine(app) == AlarmEngine.Report())
            clock.advance(by: 600)
            #expect(try await engine(app) == AlarmEngine.Report())
            let alarms = try await Alarm.query(on: app.db).filter(\.$type == "verification_waiting").all()
            #expect(alarms.count == 1 && alarms.first?.count == 1)
        }
    }

    @Test("more than the set number of one category in one desa within an hour is a spike; fewer, or spread out, is not")
    func spikeRule() async throws {
        try await withKerta(demo: true) { app in
            let clock = ManualClock(Self.start)
            app.kertaClock = clock
            let client = Client(app: app)
            for minute in 0..<3 {
                clock.set(Self.start.addingTimeInterval(Double(minute) * 600))
                _ = try await client.report(description: "Air meluap dari got ke jalan setelah hujan, laporan ke-\(minute)")
            }
            // Another category and another desa do not add up.
            _ = try await client.report(category: "INFRA-LPJU", description: "Lampu jalan mati sepanjang jalan ini sejak kemarin")
            _ = try await client.report(description: "Jalan berlubang dekat pantai Sanur, dalam sekali", at: Place.sanur)
            #expect(try await engine(app).raised == 0)
            clock.set(Self.start.addingTimeInterval(40 * 60))
            _ = try await client.report(description: "Jalan berlubang lagi di depan lapangan, laporan keempat")
            #expect(try await engine(app).raised == 1)
            let spike = try #require(try await Alarm.query(on: app.db).filter(\.$type == "complaint_spike").first())
            #expect(spike.source.hasPrefix("spike:INFRA-JALAN:") && spike.priority == .high && spike.latitude != nil)
            _ = try await client.report(description: "Jalan berlubang di depan lapangan, laporan kelima")
            #expect(try await engine(app).repeated == 1)
            #expect(try await Alarm.find(spike.id, on: app.db)?.count == 2)
            // A pass read again from the start (a restart before its place was saved) counts nothing twice.
            try await Setting.query(on: app.db).filter(\.$id == AlarmEngine.cursorKey).delete()
            let replay = try await engine(app)
            #expect(replay.raised == 0 && replay.repeated == 0 && replay.events > 0)
            #expect(try await Alarm.find(spike.id, on: app.db)?.count == 2)
        }
    }

    @Test("an alarm goes open → acknowledged → in progress → resolved → closed, each step audited and announced to staff only")
    func lifeOfAnAlarm() async throws {
        try await withKerta(demo: true) { app in
            let clock = ManualClock(Self.start)
            app.kertaClock = clock
            let service = AlarmService(db: app.db, hub: nil, now: { clock.now() })
            let (alarm, _) = try await service.raise(AlarmTrigger(type: "complaint_spike", source: "spike:X:1", priority: .high,
                                                                  title: LocalizedText(id: "uji", en: "test"), at: clock.now()))
            let id = alarm.id!.uuidString.lowercased()
            let client = Client(app: app)
            let operatorToken = try await client.token("operator@kerta.example")
            clock.advance(by: 120)
            let acknowledged = try await move(app, id, ["to": "acknowledged"], token: operatorToken)
            #expect(acknowledged?.state == .acknowledged && acknowledged?.acknowledgedAt != nil)
            let started = try await move(app, id, ["to": "in_progress", "note": "Tim BPBD menuju lokasi"], token: operatorToken)
            #expect(started?.assignee?.name == "Gede Pratama (Damamaya)" && started?.notes.first?.body == "Tim BPBD menuju lokasi")
            // Not a move of the workflow: refused, and nothing written.
            try await move(app, id, ["to": "closed"], token: operatorToken, expect: .conflict)
            try await move(app, id, ["to": "sideways"], token: operatorToken, expect: .badRequest)
            try await move(app, id, ["to": "resolved"], token: operatorToken)
            let closed = try await move(app, id, ["to": "closed"], token: operatorToken)
            #expect(closed?.state == .closed && closed?.moves.isEmpty == true)
            let trail = try await AuditEntry.query(on: app.db).filter(\.$subjectID == alarm.id!).sort(\.$position).all()
            #expect(trail.map(\.action) == ["raised", "acknowledged", "in_progress", "resolved", "closed"])
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
            // Staff hear of it; the public feed never does.
            let store = EventStore(db: app.db as! any SQLDatabase)
            let all = try await store.after(0, filter: nil, limit: 100).filter { $0.layer == "alarms" }
            #expect(all.count == 5 && all.allSatisfy { $0.audience == .staff })
            let publicEvents = try await store.after(0, filter: EventFilter(viewer: EventViewer(role: nil, agencyCode: nil)), limit: 100)
            #expect(!publicEvents.contains { $0.layer == "alarms" })
            // The mean time to acknowledge counts from the raising: two minutes.
            var kpis = ""
            try await app.testing().test(.GET, "api/v1/command/kpis", headers: client.headers(operatorToken)) { res in
                expectDocumented(.GET, "api/v1/command/kpis", res)
                kpis = res.body.string
            }
            #expect(kpis.contains("\"mean_time_to_acknowledge_seconds\":120"))
        }
    }

    @Test("a shelved alarm needs a reason and an expiry, and comes back open when its time is up")
    func shelvingExpires() async throws {
        try await withKerta(demo: true) { app in
            let clock = ManualClock(Self.start)
            app.kertaClock = clock
            let (alarm, _) = try await AlarmService(db: app.db, hub: nil, now: { clock.now() })
                .raise(AlarmTrigger(type: "complaint_spike", source: "spike:Y:2", priority: .medium, title: LocalizedText(id: "u", en: "t"), at: clock.now()))
            let id = alarm.id!.uuidString.lowercased()
            let token = try await Client(app: app).token("operator@kerta.example")
            try await move(app, id, ["to": "shelved"], token: token, expect: .unprocessableEntity)
            try await move(app, id, ["to": "shelved", "reason": "Petugas sudah di lokasi", "until": "kemarin"], token: token, expect: .badRequest)
            try await move(app, id, ["to": "shelved", "reason": "Petugas sudah di lokasi", "until": WITATimestamp.string(from: clock.now().addingTimeInterval(86_400 * 2))],
                           token: token, expect: .unprocessableEntity)
            let shelved = try await move(app, id, ["to": "shelved", "reason": "Petugas sudah di lokasi",
                                                   "until": WITATimestamp.string(from: clock.now().addingTimeInterval(600))], token: token)
            #expect(shelved?.state == .shelved && shelved?.shelveReason == "Petugas sudah di lokasi")
            clock.advance(by: 599)
            #expect(try await alarms(app, token: token).alarms.first?.state == .shelved)
            clock.advance(by: 2)
            #expect(try await alarms(app, token: token).alarms.first?.state == .open)
            let trail = try await AuditEntry.query(on: app.db).filter(\.$subjectID == alarm.id!).sort(\.$position).all().map(\.action)
            #expect(trail == ["raised", "shelved", "returned"])
        }
    }

    @Test("only the command room moves alarms; officers see their agency's; citizens and verifiers see none")
    func refusedRoles() async throws {
        try await withKerta(demo: true) { app in
            let service = AlarmService(db: app.db, hub: nil, now: app.currentTime)
            let (pupr, _) = try await service.raise(AlarmTrigger(type: "complaint_overdue", source: "complaint:PRO-2026-000001", priority: .medium,
                                                                 title: LocalizedText(id: "a", en: "a"), agencyCode: "PUPR", at: Date()))
            _ = try await service.raise(AlarmTrigger(type: "complaint_overdue", source: "complaint:PRO-2026-000002", priority: .medium,
                                                     title: LocalizedText(id: "b", en: "b"), agencyCode: "DLHK", at: Date()))
            let client = Client(app: app)
            let people = try await client.people()
            let id = pupr.id!.uuidString.lowercased()
            for (token, status) in [(nil, HTTPStatus.unauthorized), (people.resident, .forbidden), (people.verifier, .forbidden)] as [(String?, HTTPStatus)] {
                try await app.testing().test(.GET, "api/v1/alarms", headers: client.headers(token)) { res in
                    expectDocumented(.GET, "api/v1/alarms", res)
                    #expect(res.status == status)
                }
                try await app.testing().test(.GET, "api/v1/command/kpis", headers: client.headers(token)) { res in #expect(res.status == status) }
                try await move(app, id, ["to": "acknowledged"], token: token, expect: status)
            }
            // The agency's officer sees the agency's alarm only, and may not move it.
            let seen = try await alarms(app, token: people.pupr)
            #expect(seen.alarms.map(\.source) == ["complaint:PRO-2026-000001"] && seen.alarms[0].moves.isEmpty)
            try await move(app, id, ["to": "acknowledged"], token: people.pupr, expect: .forbidden)
            #expect(try await alarms(app, token: people.supervisor).alarms.count == 2)
            try await move(app, UUID().uuidString, ["to": "acknowledged"], token: people.supervisor, expect: .notFound)

            // The pages: signed out to sign-in, a citizen or a verifier refused, the room's roles in.
            let visitor = Browser(app)
            let (redirect, _, headers) = try await visitor.get("/command")
            #expect(redirect == .seeOther && headers.first(name: .location)?.hasPrefix("/login?next=/command") == true)
            for (email, status) in [("warga@kerta.example", HTTPStatus.forbidden), ("verifikator@kerta.example", .forbidden),
                                    ("operator@kerta.example", .ok), ("petugas.pupr@kerta.example", .ok), ("pimpinan@kerta.example", .ok)] {
                let browser = Browser(app)
                try await browser.signIn(email)
                let (got, html, _) = try await browser.get("/command")
                #expect(got == status, "\(email) on /command")
                if status == .ok { #expect(html.contains("id=\"command-map\"")) }
            }
            let supervisor = Browser(app)
            try await supervisor.signIn("pimpinan@kerta.example")
            #expect(try await supervisor.get("/command/alarm-load").0 == .ok)
            let operatorBrowser = Browser(app)
            try await operatorBrowser.signIn("operator@kerta.example")
            #expect(try await operatorBrowser.get("/command/alarm-load").0 == .forbidden)
            // The panel's form moves the alarm and comes back to the dashboard; without its form token it is refused.
            let (posted, _, back) = try await operatorBrowser.post("/command/alarms/\(id)", ["to": "acknowledged"])
            #expect(posted == .seeOther && back.first(name: .location)?.hasPrefix("/command") == true)
            #expect(try await Alarm.find(pupr.id, on: app.db)?.state == .acknowledged)
            #expect(try await operatorBrowser.post("/command/alarms/\(id)", ["to": "resolved"], token: false).0 == .forbidden)
        }
    }

    @Test("an alarm about a confidential complaint reaches only those who may read the complaint, without its place")
    func confidentialAlarmsStayConfidential() async throws {
        try await withKerta(demo: true) { app in
            let service = AlarmService(db: app.db, hub: nil, now: app.currentTime)
            let (alarm, _) = try await service.raise(AlarmTrigger(type: "complaint_overdue", source: "complaint:PRO-2026-000009", priority: .high,
                                                                  title: LocalizedText(id: "rahasia", en: "confidential"), subjectType: "complaint",
                                                                  subjectRef: "PRO-2026-000009", agencyCode: "PUPR", confidential: true, at: Date()))
            let people = try await Client(app: app).people()
            let operatorToken = try await Client(app: app).token("operator@kerta.example")
            #expect(try await alarms(app, token: operatorToken).alarms.isEmpty)
            #expect(try await alarms(app, token: people.dlhk).alarms.isEmpty)
            #expect(try await alarms(app, token: people.pupr).alarms.map(\.id) == [alarm.id!.uuidString.lowercased()])
            #expect(try await alarms(app, token: people.supervisor).alarms.count == 1)
            var kpis = ""
            try await app.testing().test(.GET, "api/v1/command/kpis", headers: Client(app: app).headers(operatorToken)) { res in kpis = res.body.string }
            #expect(kpis.contains("\"high\":0"))
            let events = try await EventStore(db: app.db as! any SQLDatabase).after(0, filter: nil, limit: 10).filter { $0.layer == "alarms" }
            #expect(events.count == 1 && events[0].audience == .confidential("PUPR") && events[0].point == nil)
        }
    }

    @Test("the KPI strip counts today's complaints in WITA, those waiting for verification and the overdue per agency")
    func kpiArithmetic() async throws {
        try await withKerta(demo: true) { app in
            let clock = ManualClock(wita("2026-11-24 23:30"))
            app.kertaClock = clock
            let client = Client(app: app)
            _ = try await client.report(description: "Jalan berlubang kemarin malam, sebelum tengah malam WITA")
            clock.set(wita("2026-11-25 00:10"))
            let first = try #require(try await client.report(description: "Jalan berlubang dilaporkan lewat tengah malam WITA")).ticket
            _ = try await client.report(category: "LINGK-SAMPAH", description: "Sampah menumpuk di pinggir jalan tiga hari tidak diangkut")
            let verifier = try await client.token("verifikator@kerta.example")
            _ = try await client.move(first, to: "dispatched", token: verifier)
            // A week on: the two still waiting are overdue at verification, the dispatched one at its first response.
            clock.set(wita("2026-12-03 10:00"))
            _ = try await DeadlineJob(service: app.complaintService(on: app.db)).run()
            clock.set(wita("2026-12-03 12:00"))
            _ = try await client.report(description: "Laporan baru hari ini, jalan rusak di depan sekolah")
            var body = ""
            try await app.testing().test(.GET, "api/v1/command/kpis", headers: client.headers(try await client.token("operator@kerta.example"))) { res in
                #expect(res.status == .ok)
                body = res.body.string
            }
            let figures = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
            #expect(figures["complaints_today"] as? Int == 1)
            #expect(figures["waiting_verification"] as? Int == 3)
            let overdue = figures["overdue_by_agency"] as? [[String: Any]] ?? []
            let total = figures["overdue_total"] as? Int
            #expect(total == overdue.compactMap { $0["count"] as? Int }.reduce(0, +) && (total ?? 0) >= 2)
            #expect(Set(overdue.compactMap { $0["agency"] as? String }).isSuperset(of: ["PUPR"]))
        }
    }

    @Test("the complaints layer answers points for a small box and server-side clusters for the whole city")
    func layerClustersOnTheServer() async throws {
        try await withKerta(demo: true) { app in
            _ = try await ComplaintGenerator(app: app, count: 600, seed: 11, batchSize: 300).run()
            let token = try await Client(app: app).token("admin@kerta.example")
            func layer(_ query: String) async throws -> [String: Any] {
                var json: [String: Any] = [:]
                try await app.testing().test(.GET, "api/v1/command/layers/complaints" + query, headers: Client(app: app).headers(token)) { res in
                    #expect(res.status == .ok, "\(res.body.string)")
                    #expect(res.headers.contentType?.description.hasPrefix("application/geo+json") == true)
                    json = try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any] ?? [:]
                }
                return json
            }
            let city = try await layer("?zoom=12&status=submitted,dispatched,in_progress,on_hold,referred,reopened,resolved,closed,rejected,duplicate")
            let features = city["features"] as? [[String: Any]] ?? []
            #expect(city["clustered"] as? Bool == true && (city["total"] as? Int ?? 0) > ComplaintLayerController.pointLimit)
            let counted = features.compactMap { ($0["properties"] as? [String: Any])?["count"] as? Int }.reduce(0, +)
            #expect(counted == city["total"] as? Int && features.count < 200)
            let small = try await layer("?bbox=115.214,-8.660,115.219,-8.655&zoom=17")
            #expect(small["clustered"] as? Bool == false)
            for feature in small["features"] as? [[String: Any]] ?? [] {
                let properties = feature["properties"] as? [String: Any] ?? [:]
                #expect(properties["kind"] as? String == "point" && (properties["console_href"] as? String)?.hasPrefix("/console/complaints/") == true)
            }
            try await app.testing().test(.GET, "api/v1/command/layers/complaints?bbox=nonsense&zoom=99", headers: Client(app: app).headers(token)) { res in
                expectDocumented(.GET, "api/v1/command/layers/complaints", res)
                #expect(res.status == .badRequest && res.body.string.contains("bbox") && res.body.string.contains("zoom"))
            }
        }
    }

    @Test("the simulation lives through the city by the real services and leaves every trail intact")
    func simulationLeavesValidTrails() async throws {
        try await withKerta(demo: true) { app in
            app.kertaClock = ManualClock(wita("2026-11-25 07:00"))
            let report = try await SimulationLifecycle.runner(app, speed: 100_000).run(minutes: 180)
            #expect(report.steps == 180)
            let made = try await Complaint.query(on: app.db).count()
            #expect(made >= 10, "\(report)")
            #expect(try await Complaint.query(on: app.db).filter(\.$status != .submitted).count() > 0, "the staff moved some along")
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
        }
    }
}
