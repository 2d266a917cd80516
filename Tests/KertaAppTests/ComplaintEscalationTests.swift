import Fluent
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import KertaCore
import Testing
import Vapor
import VaporTesting

/// The staff actions beside the workflow: a supervisor's escalation by hand and a change of visibility.
@Suite struct ComplaintEscalationTests {
    struct EscalationBody: Content {
        let reason: String?
        let priority: String?
    }

    struct VisibilityBody: Content {
        let visibility: String?
        let reason: String?
    }

    /// Posts `body` to the complaint's `action` and returns the view on 200, checking the status and, on 422, the fields named.
    @discardableResult
    func post<Body: Content>(_ app: Application, _ ticket: String, _ action: String, _ body: Body, token: String?,
                             expect status: HTTPResponseStatus = .ok, fields: [String]? = nil,
                             sourceLocation: SourceLocation = #_sourceLocation) async throws -> ComplaintView? {
        var view: ComplaintView?
        try await app.testing().test(.POST, "api/v1/complaints/\(ticket)/\(action)", headers: Client(app: app).headers(token), beforeRequest: { req in
            try req.content.encode(body)
        }) { res in
            #expect(res.status == status, "\(action) \(ticket): \(res.body.string)", sourceLocation: sourceLocation)
            if res.status == .ok { view = try res.content.decode(ComplaintView.self) }
            if let fields, res.status == .unprocessableEntity {
                #expect(try res.content.decode(ErrorBody.self).error.fields.map(\.field) == fields, sourceLocation: sourceLocation)
            }
        }
        return view
    }

    func stored(_ ticket: String, on db: any Database) async throws -> Complaint {
        try #require(try await Complaint.query(on: db).filter(\.$ticket == ticket).first())
    }

    @Test func aSupervisorEscalatesAnOpenComplaint() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let p = try await client.people()
            let ticket = try #require(try await client.report(token: p.resident)).ticket
            try await client.move(ticket, to: "dispatched", token: p.verifier)
            try await client.move(ticket, to: "in_progress", token: p.pupr)
            let before = try await stored(ticket, on: app.db)
            #expect(try #require(try await client.show(ticket)).status == .inProgress) // the plain view still decodes

            let reason = "Lubang makin dalam, dua pemotor jatuh minggu ini"
            let view = try #require(try await post(app, ticket, "escalation", EscalationBody(reason: reason, priority: "high"), token: p.supervisor))
            #expect(view.escalated && view.escalatedAt != nil)
            #expect(view.status == .inProgress)

            // Marked, raised to high, and the resolution clock brought in (never pushed out).
            let after = try await stored(ticket, on: app.db)
            #expect(after.escalatedAt != nil && after.escalatedStage == .inProgress)
            #expect(after.priority == .high && before.priority == .medium)
            #expect(try #require(after.resolutionDueAt) <= (try #require(before.resolutionDueAt)))
            #expect(after.dueAt == after.resolutionDueAt)

            // Everyone sees the flag; the reason is for the staff's history only.
            #expect(try #require(try await client.get("api/v1/complaints/\(ticket)", as: ComplaintView.self)).escalated)
            let staffHistory = try #require(try await client.get("api/v1/complaints/\(ticket)/history", as: [HistoryEntry].self, token: p.verifier))
            let entry = try #require(staffHistory.last)
            #expect(entry.action == "escalated" && entry.note == reason && entry.role == "supervisor")
            #expect(entry.data?["manual"] == "true" && entry.data?["priority_from"] == "medium" && entry.data?["priority"] == "high")
            #expect(entry.from == nil && entry.to == nil)
            let reporterHistory = try #require(try await client.get("api/v1/complaints/\(ticket)/history", as: [HistoryEntry].self, token: p.resident))
            #expect(!reporterHistory.contains { $0.action == "escalated" })

            // The agency's officers are told, and the other supervisors (the demo has one: the one who escalated).
            let puprOfficers = try await User.query(on: app.db).filter(\.$role == .officer).filter(\.$agency.$id == "PUPR").all().map(\.email)
            #expect(!puprOfficers.isEmpty)
            let messages = try await OutboxMessage.query(on: app.db).filter(\.$complaintTicket == ticket).all()
                .filter { $0.subject.contains("Dieskalasi") }
            #expect(Set(messages.map(\.recipient)) == Set(puprOfficers))
            #expect(messages.allSatisfy { $0.body.contains(reason) })
            #expect(!messages.contains { $0.recipient == "pimpinan@kerta.example" || $0.recipient == "warga@kerta.example" })

            // Once per stage; again when the complaint has moved on.
            try await post(app, ticket, "escalation", EscalationBody(reason: "Sekali lagi", priority: nil), token: p.supervisor, expect: .conflict)
            try await client.move(ticket, to: "on_hold", token: p.pupr, reason: "Menunggu material aspal")
            let again = try #require(try await post(app, ticket, "escalation", EscalationBody(reason: "Ditunda terlalu lama", priority: nil), token: p.admin))
            #expect(again.escalated)

            // The supervisor's queue in the console lists it.
            let console = Browser(app)
            try await console.signIn("pimpinan@kerta.example")
            #expect(try await console.get("/console").1.contains(ticket))

            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
        }
    }

    @Test func escalationIsRefusedToOthersOnFinalComplaintsAndWithoutAReason() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let p = try await client.people()
            let ticket = try #require(try await client.report(token: p.resident)).ticket
            try await client.move(ticket, to: "dispatched", token: p.verifier)
            let body = EscalationBody(reason: "Tidak ada tanggapan", priority: "high")
            for token in [p.resident, p.pupr, p.dlhk, p.verifier] {
                try await post(app, ticket, "escalation", body, token: token, expect: .forbidden)
            }
            try await post(app, ticket, "escalation", body, token: nil, expect: .unauthorized)
            try await post(app, ticket, "escalation", EscalationBody(reason: "  ", priority: nil), token: p.supervisor,
                           expect: .unprocessableEntity, fields: ["reason"])
            try await post(app, ticket, "escalation", EscalationBody(reason: nil, priority: "low"), token: p.supervisor,
                           expect: .unprocessableEntity, fields: ["reason", "priority"])
            try await post(app, "PRO-2020-999999", "escalation", body, token: p.supervisor, expect: .notFound)
            #expect(try await stored(ticket, on: app.db).escalatedAt == nil)

            try await client.move(ticket, to: "in_progress", token: p.pupr)
            try await client.move(ticket, to: "resolved", token: p.pupr, note: "Sudah ditambal.")
            try await post(app, ticket, "escalation", body, token: p.supervisor, expect: .conflict) // resolved: the reporter's turn
            try await client.move(ticket, to: "closed", token: p.resident)
            try await post(app, ticket, "escalation", body, token: p.supervisor, expect: .conflict)
            let rejected = try #require(try await client.report()).ticket
            try await client.move(rejected, to: "rejected", token: p.verifier, reason: "Bukan wewenang kota")
            try await post(app, rejected, "escalation", body, token: p.supervisor, expect: .conflict)
            let closed = try await stored(ticket, on: app.db)
            #expect(closed.escalatedAt == nil && closed.priority == .medium)
            #expect(try await OutboxMessage.query(on: app.db).all().filter { $0.subject.contains("Dieskalasi") }.isEmpty)
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
        }
    }

    @Test func aVerifierMakesAComplaintConfidentialAndOutsidersLoseSightOfItAtOnce() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let p = try await client.people()
            let created = try #require(try await client.report(description: "Jalan rusak di depan rumah Pak Nyoman yang sedang sakit"))
            let ticket = created.ticket
            try await client.move(ticket, to: "dispatched", token: p.verifier)
            #expect(try await client.show(ticket)?.visibility == .public)
            var csv = ""
            try await app.testing().test(.GET, "api/v1/exports/complaints.csv") { res in csv = res.body.string }
            #expect(csv.contains(ticket))

            // Refusals: the fields named, who may not, what they may not see.
            try await post(app, ticket, "visibility", VisibilityBody(visibility: "confidential", reason: nil), token: p.verifier,
                           expect: .unprocessableEntity, fields: ["reason"])
            try await post(app, ticket, "visibility", VisibilityBody(visibility: "secret", reason: "x"), token: p.verifier,
                           expect: .unprocessableEntity, fields: ["visibility"])
            try await post(app, ticket, "visibility", VisibilityBody(visibility: "public", reason: "tidak berubah"), token: p.verifier,
                           expect: .unprocessableEntity, fields: ["visibility"])
            for token in [p.resident, p.dlhk] {
                try await post(app, ticket, "visibility", VisibilityBody(visibility: "confidential", reason: "x"), token: token, expect: .forbidden)
            }
            try await post(app, ticket, "visibility", VisibilityBody(visibility: "confidential", reason: "x"), token: nil, expect: .unauthorized)

            let reason = "Menyebut nama dan kondisi kesehatan warga lain"
            let view = try #require(try await post(app, ticket, "visibility", VisibilityBody(visibility: "confidential", reason: reason), token: p.verifier))
            #expect(view.visibility == .confidential)

            // Outsiders: the page, the list, the exports and Open311 no longer show it.
            _ = try await client.show(ticket, expect: .notFound)
            _ = try await client.show(ticket, token: p.dlhk, expect: .notFound)
            try await post(app, ticket, "visibility", VisibilityBody(visibility: "public", reason: "x"), token: p.dlhk, expect: .notFound)
            let list = try #require(try await client.get("api/v1/complaints?per_page=100", as: ComplaintPage.self))
            #expect(!list.items.contains { $0.ticket == ticket })
            try await app.testing().test(.GET, "api/v1/exports/complaints.csv") { res in #expect(!res.body.string.contains(ticket)) }
            try await app.testing().test(.GET, "api/v1/exports/complaints.geojson") { res in #expect(!res.body.string.contains(ticket)) }
            try await app.testing().test(.GET, "open311/v2/requests.json") { res in
                #expect(res.status == .ok)
                #expect(!res.body.string.contains(ticket))
            }
            try await app.testing().test(.GET, "open311/v2/requests/\(ticket).json") { res in #expect(res.status == .notFound) }
            // The handling agency still sees it.
            #expect(try await client.show(ticket, token: p.pupr)?.visibility == .confidential)

            // Audited, and the reporter told with the reason.
            let history = try #require(try await client.get("api/v1/complaints/\(ticket)/history", as: [HistoryEntry].self, token: p.verifier))
            let entry = try #require(history.last)
            #expect(entry.action == "visibility" && entry.note == reason && entry.role == "verifier")
            #expect(entry.data == ["visibility_from": "public", "visibility": "confidential"])
            let told = try await OutboxMessage.query(on: app.db).filter(\.$complaintTicket == ticket).filter(\.$recipient == "sari@example.id").all()
                .filter { $0.subject.contains("Visibilitas") }
            #expect(told.count == 1 && told.first?.body.contains(reason) == true)

            // The agency's officer may not open it again; a verifier may.
            try await post(app, ticket, "visibility", VisibilityBody(visibility: "anonymous", reason: "x"), token: p.pupr, expect: .forbidden)
            let reopened = try #require(try await post(app, ticket, "visibility", VisibilityBody(visibility: "anonymous", reason: "Nama pihak ketiga sudah dihapus dari uraian"),
                                                       token: p.supervisor))
            #expect(reopened.visibility == .anonymous && reopened.reporter == nil)
            #expect(try await client.show(ticket)?.reporter == nil)
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
        }
    }

    @Test func followersHearNothingMoreOfAComplaintMadeConfidential() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let p = try await client.people()
            let ticket = try #require(try await client.report(token: p.resident)).ticket
            let complaint = try await stored(ticket, on: app.db)
            // A neighbour who followed it while it was public.
            try await ComplaintFollower(complaintID: complaint.requireID(), userID: nil, email: "tetangga@example.id", viaTicket: nil).create(on: app.db)
            func mailsToFollower() async throws -> Int {
                try await OutboxMessage.query(on: app.db).filter(\.$recipient == "tetangga@example.id").count()
            }
            try await client.move(ticket, to: "dispatched", token: p.verifier)
            let whilePublic = try await mailsToFollower()
            #expect(whilePublic > 0)
            try await post(app, ticket, "visibility", VisibilityBody(visibility: "confidential", reason: "Menyebut data kesehatan"), token: p.verifier)
            try await client.move(ticket, to: "in_progress", token: p.pupr)
            #expect(try await mailsToFollower() == whilePublic)
        }
    }

    @Test func theAgencysOfficerHidesAComplaintButCannotExposeOne() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let p = try await client.people()
            let ticket = try #require(try await client.report(token: p.resident)).ticket
            try await client.move(ticket, to: "dispatched", token: p.verifier)
            let view = try #require(try await post(app, ticket, "visibility", VisibilityBody(visibility: "anonymous", reason: "Pelapor minta namanya disembunyikan"),
                                                   token: p.pupr))
            #expect(view.visibility == .anonymous)
            try await post(app, ticket, "visibility", VisibilityBody(visibility: "public", reason: "x"), token: p.pupr, expect: .forbidden)
            // The reporter (signed in) hears of it at their account's address.
            let told = try await OutboxMessage.query(on: app.db).filter(\.$complaintTicket == ticket).filter(\.$recipient == "warga@kerta.example").all()
            #expect(told.contains { $0.subject.contains("Visibilitas") })
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
        }
    }

    @Test func theWorkspaceOffersEachFormToThoseWhoMayUseIt() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let p = try await client.people()
            let ticket = try #require(try await client.report()).ticket
            try await client.move(ticket, to: "dispatched", token: p.verifier)

            let supervisor = Browser(app)
            try await supervisor.signIn("pimpinan@kerta.example")
            let (_, page, _) = try await supervisor.get("/console/complaints/\(ticket)")
            #expect(page.contains("id=\"escalate\"") && page.contains("id=\"visibility\"") && page.contains("name=\"priority\" value=\"high\""))
            let (refused, alert, _) = try await supervisor.post("/console/complaints/\(ticket)/escalate", ["reason": ""])
            #expect(refused == .unprocessableEntity && alert.contains("role=\"alert\""))
            let (done, _, headers) = try await supervisor.post("/console/complaints/\(ticket)/escalate", ["reason": "Tidak ada tanggapan OPD", "priority": "high"])
            #expect(done == .seeOther && headers.first(name: .location) == "/console/complaints/\(ticket)")
            let (_, escalated, _) = try await supervisor.get("/console/complaints/\(ticket)")
            #expect(escalated.contains("id=\"escalated\"") && !escalated.contains("id=\"escalate\""))
            #expect(try await stored(ticket, on: app.db).priority == .high)

            let verifier = Browser(app)
            try await verifier.signIn("verifikator@kerta.example")
            let (_, verifierPage, _) = try await verifier.get("/console/complaints/\(ticket)")
            #expect(!verifierPage.contains("id=\"escalate\"") && verifierPage.contains("id=\"visibility\""))
            let (changed, _, _) = try await verifier.post("/console/complaints/\(ticket)/visibility", ["visibility": "confidential", "reason": "Data pribadi"])
            #expect(changed == .seeOther)
            #expect(try await stored(ticket, on: app.db).visibility == .confidential)
            let (refusedVisibility, _, _) = try await verifier.post("/console/complaints/\(ticket)/visibility", ["visibility": "public", "reason": ""])
            #expect(refusedVisibility == .unprocessableEntity)

            let dlhk = Browser(app)
            try await dlhk.signIn("petugas.dlhk@kerta.example")
            #expect(try await dlhk.get("/console/complaints/\(ticket)").0 == .notFound)
            let pupr = Browser(app)
            try await pupr.signIn("petugas.pupr@kerta.example")
            let (_, puprPage, _) = try await pupr.get("/console/complaints/\(ticket)")
            #expect(!puprPage.contains("id=\"escalate\"") && !puprPage.contains("id=\"visibility\"")) // nothing more private than confidential
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
        }
    }
}
