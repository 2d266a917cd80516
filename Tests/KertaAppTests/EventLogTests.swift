import Fluent
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import KertaCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The change recorder and the event log, as the command room and the public rely on them: one event per
/// change, written with it or not at all, shown to each caller only as far as its role allows.
@Suite struct EventLogTests {
    struct Page: Decodable {
        let events: [EventView]
        let lastId: Int64
        let more: Bool
        enum CodingKeys: String, CodingKey { case events, lastId = "last_id", more }
    }

    func eventCount(_ app: Application, ticket: String? = nil) async throws -> Int {
        try await countRows(app, "events", ticket.map { "subject_ref = '\($0)'" })
    }

    func auditCount(_ app: Application, ticket: String) async throws -> Int {
        let complaint = try #require(try await Complaint.query(on: app.db).filter(\.$ticket == ticket).first())
        return try await AuditEntry.query(on: app.db).filter(\.$subjectID == complaint.requireID()).count()
    }

    func countRows(_ app: Application, _ table: String, _ condition: String? = nil) async throws -> Int {
        let row = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)\(unsafeRaw: condition.map { " WHERE \($0)" } ?? "")").first()
        return try row!.decode(column: "n", as: Int.self)
    }

    /// Posts a JSON body given as text, so each field keeps its JSON type (`"internal": true`, `"stars": 5`).
    func post(_ app: Application, _ path: String, _ json: String, token: String?, accessKey: String? = nil,
              expect status: HTTPResponseStatus, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let client = Client(app: app)
        try await app.testing().test(.POST, path, headers: client.headers(token, accessKey: accessKey), beforeRequest: { req in
            req.headers.contentType = .json
            req.body = ByteBuffer(string: json)
        }) { res in
            expectDocumented(.POST, path, res, sourceLocation: sourceLocation)
            #expect(res.status == status, "\(path): \(res.body.string)", sourceLocation: sourceLocation)
        }
    }

    func page(_ app: Application, _ query: String = "", token: String? = nil) async throws -> Page {
        try #require(try await Client(app: app).get("api/v1/events\(query)", as: Page.self, token: token))
    }

    @Test func everyComplaintChangeYieldsExactlyOneEventAndARefusedOneNone() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let people = try await client.people()
            let created = try #require(try await client.report())
            let ticket = created.ticket
            var expected = 1
            func check(_ step: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
                #expect(try await eventCount(app, ticket: ticket) == expected, "\(step)", sourceLocation: sourceLocation)
                // Each change is one audit entry and one event: the two counts move together.
                #expect(try await auditCount(app, ticket: ticket) == expected, "\(step)", sourceLocation: sourceLocation)
            }
            try await check("submitted")

            // Refused: not a move from submitted (409), a rejection without its reason (422), a resident's dispatch (403).
            try await client.move(ticket, to: "resolved", token: people.verifier, expect: .conflict)
            try await client.move(ticket, to: "rejected", token: people.verifier, expect: .unprocessableEntity)
            try await client.move(ticket, to: "dispatched", token: people.resident, expect: .forbidden)
            try await check("refused moves")

            try await client.move(ticket, to: "dispatched", token: people.verifier, agency: "PUPR")
            expected += 1; try await check("dispatched")
            try await post(app, "api/v1/complaints/\(ticket)/escalation", #"{"reason":"Lubang makin besar, sudah ada korban jatuh"}"#,
                           token: people.supervisor, expect: .ok)
            expected += 1; try await check("escalated")
            try await post(app, "api/v1/complaints/\(ticket)/escalation", #"{"reason":"Sekali lagi"}"#, token: people.supervisor, expect: .conflict)
            try await check("second escalation refused")
            try await client.move(ticket, to: "in_progress", token: people.pupr)
            expected += 1; try await check("in progress")
            try await post(app, "api/v1/complaints/\(ticket)/updates", #"{"body":"Tim menambal besok pagi."}"#, token: people.pupr, expect: .created)
            expected += 1; try await check("public response")
            try await post(app, "api/v1/complaints/\(ticket)/updates", #"{"body":"Aspal dari gudang Sanur","internal":true}"#,
                           token: people.pupr, expect: .created)
            expected += 1; try await check("internal note")
            try await post(app, "api/v1/complaints/\(ticket)/updates", #"{"body":""}"#, token: people.pupr, expect: .unprocessableEntity)
            try await check("empty update refused")
            try await client.move(ticket, to: "resolved", token: people.pupr, note: "Sudah ditambal.")
            expected += 1; try await check("resolved")
            try await post(app, "api/v1/complaints/\(ticket)/rating", #"{"stars":9}"#, token: nil, accessKey: created.accessKey, expect: .unprocessableEntity)
            try await check("bad rating refused")
            try await post(app, "api/v1/complaints/\(ticket)/rating", #"{"stars":5,"comment":"Cepat"}"#, token: nil,
                           accessKey: created.accessKey, expect: .ok)
            expected += 1; try await check("rated")
            try await post(app, "api/v1/complaints/\(ticket)/visibility", #"{"visibility":"anonymous","reason":"Permintaan pelapor"}"#,
                           token: people.supervisor, expect: .ok)
            expected += 1; try await check("visibility")

            let types = try await page(app, token: people.admin).events.filter { $0.subject?.ref == ticket }.map(\.type)
            #expect(types == ["complaint.submitted", "complaint.dispatched", "complaint.escalated", "complaint.in_progress",
                              "complaint.responded", "complaint.noted", "complaint.resolved", "complaint.rated",
                              "complaint.visibility_changed"])
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
        }
    }

    /// A change that fails after it collected its entry, messages and event leaves none of them, and
    /// nobody is told of it: the subscriber's first event is the next change that did commit.
    @Test func aFailedChangeLeavesNoEventNoEntryAndNoMessage() async throws {
        try await withKerta(demo: true) { app in
            struct Broken: Error {}
            let subscription = try await app.eventHub.subscribe(EventFilter(viewer: EventViewer(role: .admin, agencyCode: nil)))
            let recorder = app.changeRecorder(on: app.db)
            let complaint = Complaint()
            complaint.id = UUID()
            complaint.auditHead = AuditRecord.genesisHash
            complaint.auditCount = 0
            let draft = EventDraft(type: "complaint.submitted", layer: .complaints, severity: .low, subjectType: "complaint",
                                   subjectID: nil, subjectRef: "PRO-2026-999999", point: nil, desaCode: nil,
                                   title: LocalizedText(id: "uji", en: "test"), payload: [:], audience: .public, time: Date())
            await #expect(throws: Broken.self) {
                try await recorder.record { _, change in
                    change.audit("submitted", of: complaint, by: .system, at: Date())
                    change.message(OutboxMessage(recipient: "a@example.id", subject: "s", body: "b", ticket: nil, at: Date()))
                    change.announce(draft)
                    throw Broken()
                }
            }
            #expect(try await countRows(app, "events") == 0)
            #expect(try await countRows(app, "audit_entries") == 0)
            #expect(try await countRows(app, "outbox_messages") == 0)

            let ticket = try #require(try await Client(app: app).report()).ticket
            var iterator = subscription.deliveries.makeAsyncIterator()
            guard case .event(let first) = await iterator.next() else { Issue.record("no event"); return }
            #expect(first.json.contains(ticket))
            await app.eventHub.unsubscribe(subscription.id)
        }
    }

    @Test func aVisitorSeesPublicEventsOnlyAndNeverPersonalData() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let people = try await client.people()
            let open = try #require(try await client.report()).ticket
            let secret = try #require(try await client.report(category: "INFRA-JALAN", description: "Rahasia: pungutan liar di kantor desa",
                                                              visibility: "confidential",
                                                              reporter: ["name": "Made Rahasia", "email": "rahasia@example.id", "phone": "0813 1111 2222"])).ticket
            try await client.move(open, to: "dispatched", token: people.verifier, agency: "PUPR")
            try await post(app, "api/v1/complaints/\(open)/updates", #"{"body":"Catatan internal: hubungi kepala lingkungan","internal":true}"#,
                           token: people.verifier, expect: .created)

            let visitor = try await page(app)
            let refs = visitor.events.compactMap(\.subject?.ref)
            #expect(refs == [open, open], "submitted and dispatched only: \(refs)")
            #expect(visitor.events.allSatisfy { $0.audience == "public" })
            let body = try await rawPage(app, token: nil)
            for personal in ["Ni Luh Putu Sari", "sari@example.id", "0812", "Jalan berlubang", "Made Rahasia", "rahasia@example.id", secret,
                             "Catatan internal"] {
                #expect(!body.contains(personal), "a visitor's events contain \(personal)")
            }

            // Staff who oversee agencies see everything; an officer of another agency not the note on PUPR's complaint.
            let supervisor = try await page(app, token: people.supervisor).events.compactMap(\.subject?.ref)
            #expect(supervisor == [open, secret, open, open])
            let dlhk = try await page(app, token: people.dlhk).events
            #expect(!dlhk.map(\.type).contains("complaint.noted"))
            let pupr = try await page(app, token: people.pupr).events
            #expect(pupr.map(\.type).contains("complaint.noted"))
            // The confidential one, as the complaint itself: PUPR holds it and reads it; DLHK and the operators do not.
            #expect(pupr.compactMap(\.subject?.ref).contains(secret))
            #expect(!dlhk.compactMap(\.subject?.ref).contains(secret))
            let operatorToken = try await client.token("operator@kerta.example")
            let operatorRefs = try await page(app, token: operatorToken).events.compactMap(\.subject?.ref)
            #expect(!operatorRefs.contains(secret) && operatorRefs.contains(open))
            #expect(try await page(app, token: people.verifier).events.compactMap(\.subject?.ref).contains(secret))

            // Made confidential, the complaint takes its earlier public events out of the public log.
            try await post(app, "api/v1/complaints/\(open)/visibility", #"{"visibility":"confidential","reason":"Menyangkut data pribadi"}"#,
                           token: people.supervisor, expect: .ok)
            #expect(try await page(app).events.isEmpty)
            #expect(try await page(app, token: people.supervisor).events.count == 5)
            #expect(!(try await page(app, token: operatorToken).events.compactMap(\.subject?.ref).contains(open)))
            #expect(!(try await page(app, token: people.dlhk).events.compactMap(\.subject?.ref).contains(open)))
            #expect(try await page(app, token: people.pupr).events.filter { $0.subject?.ref == open }.count == 4)
        }
    }

    func rawPage(_ app: Application, token: String?) async throws -> String {
        var body = ""
        try await app.testing().test(.GET, "api/v1/events", headers: Client(app: app).headers(token)) { res in
            expectDocumented(.GET, "api/v1/events", res)
            body = res.body.string
        }
        return body
    }

    @Test func theCatchUpPagesInOrderAndFiltersByLayerAndBox() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            var tickets: [String] = []
            for _ in 0..<3 { tickets.append(try #require(try await client.report()).ticket) }
            tickets.append(try #require(try await client.report(at: Place.sanur)).ticket)

            let first = try await page(app, "?limit=2")
            #expect(first.events.compactMap(\.subject?.ref) == Array(tickets.prefix(2)))
            #expect(first.more)
            let second = try await page(app, "?limit=2&since=\(first.lastId)")
            #expect(second.events.compactMap(\.subject?.ref) == Array(tickets.suffix(2)))
            #expect(second.events.map(\.id).allSatisfy { $0 > first.lastId })
            let third = try await page(app, "?since=\(second.lastId)")
            #expect(third.events.isEmpty && !third.more && third.lastId == second.lastId)

            // Sanur only: a box around the beach.
            let sanur = try await page(app, "?bbox=115.255,-8.69,115.27,-8.67&layers=complaints")
            #expect(sanur.events.compactMap(\.subject?.ref) == [tickets[3]])
            #expect(sanur.events.first?.location?.desa != nil)

            for (query, field) in [("?since=-1", "since"), ("?since=abc", "since"), ("?layers=ufo", "layers"), ("?bbox=1,2,3", "bbox"),
                                   ("?limit=0", "limit"), ("?limit=5000", "limit")] {
                try await app.testing().test(.GET, "api/v1/events\(query)") { res in
                    expectDocumented(.GET, "api/v1/events", res)
                    #expect(res.status == .badRequest, "\(query)")
                    let fields = try res.content.decode(ErrorBody.self).error.fields.map(\.field)
                    #expect(fields == [field], "\(query)")
                }
            }
        }
    }

    @Test func thePruneJobRemovesEventsPastTheRetentionOnly() async throws {
        try await withKerta(demo: true, adjust: { $0.eventRetentionDays = 30 }) { app in
            let client = Client(app: app)
            let old = try #require(try await client.report()).ticket
            _ = try #require(try await client.report())
            try await (app.db as! any SQLDatabase).raw("UPDATE events SET occurred_at = \(bind: Date().addingTimeInterval(-31 * 86_400)) WHERE subject_ref = \(bind: old)").run()
            #expect(try await app.pruneEvents() == 1)
            #expect(try await eventCount(app) == 1)
            #expect(try await eventCount(app, ticket: old) == 0)
            // The audit trail is not the event log: it stays whole.
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
        }
    }

    /// Entries written before the trail named subjects' types (version 1) keep verifying, and an edit of
    /// one is caught like any other.
    @Test func versionOneEntriesStillVerifyAndAnEditOfOneIsCaught() async throws {
        try await withKerta(demo: true) { app in
            let ticket = try #require(try await Client(app: app).report()).ticket
            let complaint = try #require(try await Complaint.query(on: app.db).filter(\.$ticket == ticket).first())
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$subjectID == complaint.requireID()).first())
            // Rewrite it as a version-1 entry would have been written.
            var record = entry.record
            record.version = .v1
            let hash = Digest.sha256Hex(record.canonicalText)
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE audit_entries SET version = \(bind: AuditRecord.Version.v1.rawValue), hash = \(bind: hash) WHERE id = \(bind: entry.id!)").run()
            try await sql.raw("UPDATE complaints SET audit_head = \(bind: hash) WHERE id = \(bind: complaint.id!)").run()
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
            // v1 did not hash the name shown; it did hash the role.
            try await sql.raw("UPDATE audit_entries SET actor_role = 'admin' WHERE id = \(bind: entry.id!)").run()
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db)?.subject == "complaint \(ticket)")
            try await sql.raw("UPDATE audit_entries SET actor_role = 'reporter' WHERE id = \(bind: entry.id!)").run()
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)

            // Entries written now (v2) hash the name too.
            let later = try #require(try await Client(app: app).report()).ticket
            let laterComplaint = try #require(try await Complaint.query(on: app.db).filter(\.$ticket == later).first())
            try await sql.raw("UPDATE audit_entries SET actor_name = 'Orang lain' WHERE subject_id = \(bind: laterComplaint.id!)").run()
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db)?.subject == "complaint \(later)")
        }
    }

    /// A page elsewhere cannot open the feed's WebSocket with a signed-in user's cookies; Kerta's own pages
    /// and programs (which send no Origin) can.
    @Test func theWebSocketOpensOnlyForKertasOwnOriginOrNone() async throws {
        try await withKerta(adjust: { $0.publicURL = "https://pro.denpasarkota.go.id" }) { app in
            func request(origin: String?) -> Request {
                var headers = HTTPHeaders()
                if let origin { headers.add(name: .origin, value: origin) }
                return Request(application: app, method: .GET, url: URI(path: "/api/v1/events/ws"), headers: headers, on: app.eventLoopGroup.any())
            }
            #expect(EventController.isOwnOrigin(request(origin: nil)))
            #expect(EventController.isOwnOrigin(request(origin: "https://pro.denpasarkota.go.id")))
            #expect(!EventController.isOwnOrigin(request(origin: "https://jahat.example")))
            #expect(!EventController.isOwnOrigin(request(origin: "http://pro.denpasarkota.go.id")))
        }
    }
}
