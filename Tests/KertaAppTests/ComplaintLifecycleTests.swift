import Fluent
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import KertaCore
import Testing
import Vapor
import VaporTesting

@Suite struct ComplaintLifecycleTests {
    @Test func aPotholeGoesFromReportToRatedResolution() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let p = try await client.people()

            let created = try #require(try await client.report(reporter: nil, token: p.resident))
            #expect(created.ticket.hasPrefix("PRO-\(TicketNumber.year(of: Date()))-"))
            #expect(created.status == .submitted)
            #expect(created.category == "INFRA-JALAN")
            #expect(created.agency == "PUPR")
            #expect(created.area.desa == "Dauh Puri Kangin" && created.area.kecamatan == "Denpasar Barat")
            #expect(created.dueAt != nil)
            #expect(created.accessKey == nil) // signed in: the account is the key

            let ticket = created.ticket
            let dispatched = try #require(try await client.move(ticket, to: "dispatched", token: p.verifier, note: "Diteruskan ke PUPR"))
            #expect(dispatched.agency == "PUPR")
            #expect(dispatched.resolutionDueAt != nil)
            try await client.move(ticket, to: "in_progress", token: p.pupr)
            let resolved = try #require(try await client.move(ticket, to: "resolved", token: p.pupr, note: "Lubang sudah ditambal pada 23 November."))
            #expect(resolved.publicResponse == "Lubang sudah ditambal pada 23 November.")
            #expect(resolved.availableTransitions.isEmpty) // the p.pupr has nothing more to do
            let asResident = try #require(try await client.show(ticket, token: p.resident))
            #expect(asResident.isReporter)
            #expect(asResident.availableTransitions == ["closed", "reopened"])

            try await client.move(ticket, to: "closed", token: p.resident)
            try await app.testing().test(.POST, "api/v1/complaints/\(ticket)/rating", headers: client.headers(p.resident), beforeRequest: { req in
                try req.content.encode(RatingInput(stars: 5, comment: "Cepat sekali, terima kasih"))
            }) { res in
                #expect(res.status == .ok)
                let view = try res.content.decode(ComplaintView.self)
                #expect(view.status == .closed)
                #expect(view.rating?.stars == 5)
            }

            let history = try #require(try await client.get("api/v1/complaints/\(ticket)/history", as: [HistoryEntry].self, token: p.resident))
            #expect(history.map(\.to) == ["submitted", "dispatched", "in_progress", "resolved", "closed", nil])
            #expect(history.last?.action == "rating")
            #expect(history.map(\.position) == Array(1...6))
            for (earlier, later) in zip(history, history.dropFirst()) { #expect(later.previousHash == earlier.hash) }
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)

            // A notification was queued to the reporter for each change of state.
            let messages = try await OutboxMessage.query(on: app.db).filter(\.$complaintTicket == ticket).all()
            #expect(messages.filter { $0.recipient == "warga@kerta.example" }.count == 5)
        }
    }

    @Test func aResidentWhoIsNotSignedInFollowsByTicketAndKey() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let created = try #require(try await client.report(category: "LINGK-SAMPAH", description: "Tumpukan sampah liar di pinggir jalan sejak seminggu"))
            let key = try #require(created.accessKey)
            #expect(created.agency == "DLHK")
            let verifier = try await client.token("verifikator@kerta.example")
            let officer = try await client.token("petugas.dlhk@kerta.example")
            try await client.move(created.ticket, to: "dispatched", token: verifier)
            try await client.move(created.ticket, to: "in_progress", token: officer)
            try await client.move(created.ticket, to: "resolved", token: officer, note: "Sampah sudah diangkut truk DLHK.")
            // Without the key nobody may confirm; with it the reporter disputes.
            try await client.move(created.ticket, to: "reopened", token: nil, reason: "Masih ada sisa", expect: .unauthorized)
            try await client.move(created.ticket, to: "reopened", token: nil, accessKey: "wrong", reason: "Masih ada sisa", expect: .forbidden)
            let reopened = try #require(try await client.move(created.ticket, to: "reopened", token: nil, accessKey: key, reason: "Masih ada sisa di selokan"))
            #expect(reopened.status == .reopened)
            #expect(reopened.isReporter)
            try await client.move(created.ticket, to: "in_progress", token: officer)
        }
    }

    @Test func illegalMovesAreConflicts() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let verifier = try await client.token("verifikator@kerta.example")
            let officer = try await client.token("petugas.pupr@kerta.example")
            let ticket = try #require(try await client.report()).ticket
            try await client.move(ticket, to: "resolved", token: officer, note: "x", expect: .conflict)
            try await client.move(ticket, to: "in_progress", token: officer, expect: .conflict)
            try await client.move(ticket, to: "closed", token: verifier, expect: .conflict)
            try await client.move(ticket, to: "flying", token: verifier, expect: .unprocessableEntity)
            try await client.move(ticket, to: "rejected", token: verifier, expect: .unprocessableEntity) // no reason
            try await client.move(ticket, to: "rejected", token: verifier, reason: "Bukan di wilayah jalan kota")
            try await client.move(ticket, to: "dispatched", token: verifier, expect: .conflict)
            let view = try #require(try await client.show(ticket))
            #expect(view.status == .rejected)
            #expect(view.updates.map(\.body) == ["Bukan di wilayah jalan kota"])
        }
    }

    @Test func eachRoleIsRefusedWhatIsNotTheirs() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let p = try await client.people()

            let ticket = try #require(try await client.report(reporter: ["name": "Made"])).ticket
            // Citizens act on their own complaints only; officers and others cannot verify.
            for token in [p.resident, p.pupr, p.supervisor, p.admin] {
                try await client.move(ticket, to: "dispatched", token: token, expect: .forbidden)
            }
            try await client.move(ticket, to: "dispatched", token: p.verifier)
            // Another agency's officer, the p.verifier and the p.supervisor cannot act for PUPR.
            for token in [p.dlhk, p.verifier, p.supervisor, p.resident] {
                try await client.move(ticket, to: "in_progress", token: token, expect: .forbidden)
            }
            try await client.move(ticket, to: "in_progress", token: p.pupr)
            try await client.move(ticket, to: "resolved", token: p.pupr, note: "Selesai")
            // Only the reporter confirms or rates; this p.resident did not report it.
            try await client.move(ticket, to: "closed", token: p.resident, expect: .forbidden)
            try await app.testing().test(.POST, "api/v1/complaints/\(ticket)/rating", headers: client.headers(p.resident), beforeRequest: { req in
                try req.content.encode(RatingInput(stars: 1, comment: nil))
            }) { res in #expect(res.status == .forbidden) }
            // Only admins change routing.
            try await app.testing().test(.PUT, "api/v1/routing-overrides", headers: client.headers(p.verifier), beforeRequest: { req in
                try req.content.encode(RoutingOverrideDTO(id: nil, category: "INFRA-JALAN", kecamatan: "517101", agency: "DLHK"))
            }) { res in #expect(res.status == .forbidden) }
            try await app.testing().test(.PUT, "api/v1/routing-overrides", beforeRequest: { req in
                try req.content.encode(RoutingOverrideDTO(id: nil, category: "INFRA-JALAN", kecamatan: "517101", agency: "DLHK"))
            }) { res in #expect(res.status == .unauthorized) }
        }
    }

    @Test func confidentialComplaintsAreInvisibleToOutsidersAndOtherAgencies() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let p = try await client.people()
            let ticket = try #require(try await client.report(description: "Pungutan liar oleh oknum saat perbaikan jalan", visibility: "confidential",
                                                              token: p.resident)).ticket
            try await client.move(ticket, to: "dispatched", token: p.verifier)
            _ = try await client.show(ticket, expect: .notFound)
            _ = try await client.show(ticket, token: p.dlhk, expect: .notFound)
            _ = try await client.get("api/v1/complaints/\(ticket)/history", as: [HistoryEntry].self, token: p.dlhk, expect: .notFound)
            #expect(try await client.show(ticket, token: p.pupr)?.status == .dispatched)
            #expect(try await client.show(ticket, token: p.resident)?.isReporter == true)
            let publicList = try #require(try await client.get("api/v1/complaints?per_page=100", as: ComplaintPage.self))
            #expect(!publicList.items.contains { $0.ticket == ticket })
            let dlhkList = try #require(try await client.get("api/v1/complaints?per_page=100", as: ComplaintPage.self, token: p.dlhk))
            #expect(!dlhkList.items.contains { $0.ticket == ticket })
            let puprList = try #require(try await client.get("api/v1/complaints?per_page=100", as: ComplaintPage.self, token: p.pupr))
            #expect(puprList.items.contains { $0.ticket == ticket })
            var csv = ""
            try await app.testing().test(.GET, "api/v1/exports/complaints.csv", headers: client.headers(p.verifier)) { res in csv = res.body.string }
            #expect(!csv.contains(ticket))
        }
    }

    @Test func anonymousReportsHideTheNameFromAllButVerifiersAndContactsAreNeverPublic() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let verifier = try await client.token("verifikator@kerta.example")
            let pupr = try await client.token("petugas.pupr@kerta.example")
            let anonymous = try #require(try await client.report(visibility: "anonymous")).ticket
            let named = try #require(try await client.report(visibility: "public")).ticket
            #expect(try await client.show(anonymous)?.reporter == nil)
            #expect(try await client.show(anonymous, token: pupr)?.reporter == nil)
            let seenByVerifier = try await client.show(anonymous, token: verifier)?.reporter
            #expect(seenByVerifier?.name == "Ni Luh Putu Sari" && seenByVerifier?.email == "sari@example.id")
            let publicView = try #require(try await client.show(named)?.reporter)
            #expect(publicView.name == "Ni Luh Putu Sari")
            #expect(publicView.email == nil && publicView.phone == nil)
            var csv = ""
            try await app.testing().test(.GET, "api/v1/exports/complaints.csv") { res in
                #expect(res.headers.contentType?.description.hasPrefix("text/csv") == true)
                csv = res.body.string
            }
            #expect(csv.contains(anonymous) && csv.contains(named))
            #expect(!csv.contains("Ni Luh") && !csv.contains("sari@example.id") && !csv.contains("3456 7890"))
            try await app.testing().test(.GET, "api/v1/exports/complaints.geojson") { res in
                #expect(res.headers.contentType?.description == "application/geo+json")
                #expect(!res.body.string.contains("Ni Luh"))
                #expect(res.body.string.contains(named))
            }
        }
    }

    @Test func internalNotesNeverReachThePublicOrTheReporter() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let p = try await client.people()
            let ticket = try #require(try await client.report(token: p.resident)).ticket
            try await client.move(ticket, to: "dispatched", token: p.verifier)
            for (body, isInternal) in [("Catatan internal: koordinasi dengan kontraktor", true), ("Tim akan survei besok pagi", false)] {
                try await app.testing().test(.POST, "api/v1/complaints/\(ticket)/updates", headers: client.headers(p.pupr), beforeRequest: { req in
                    try req.content.encode(UpdateInput(body: body, internal: isInternal))
                }) { res in #expect(res.status == .created) }
            }
            // A p.resident may not write internal notes.
            try await app.testing().test(.POST, "api/v1/complaints/\(ticket)/updates", headers: client.headers(p.resident), beforeRequest: { req in
                try req.content.encode(UpdateInput(body: "saya juga internal", internal: true))
            }) { res in #expect(res.status == .forbidden) }
            #expect(try await client.show(ticket)?.updates.map(\.body) == ["Tim akan survei besok pagi"])
            #expect(try await client.show(ticket, token: p.resident)?.updates.map(\.body) == ["Tim akan survei besok pagi"])
            #expect(try await client.show(ticket, token: p.pupr)?.updates.count == 2)
            let history = try #require(try await client.get("api/v1/complaints/\(ticket)/history", as: [HistoryEntry].self, token: p.resident))
            #expect(!history.contains { $0.note?.contains("internal") == true || $0.data?["internal"] == "true" })
            _ = try await client.get("api/v1/complaints/\(ticket)/history", as: [HistoryEntry].self, expect: .unauthorized)
            // The officer's first public word counts as the agency's first response.
            let stored = try #require(try await Complaint.query(on: app.db).filter(\.$ticket == ticket).first())
            #expect(stored.firstResponseAt != nil)
        }
    }

    @Test func aDuplicateIsClosedAndItsReporterFollowsTheOriginal() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let verifier = try await client.token("verifikator@kerta.example")
            let original = try #require(try await client.report(reporter: ["name": "Wayan", "email": "wayan@example.id"])).ticket
            let second = try #require(try await client.report(at: Place.nearPuputan, reporter: ["name": "Ketut", "email": "ketut@example.id"]))
            #expect(second.possibleDuplicates.map(\.ticket) == [original])
            try await client.move(second.ticket, to: "duplicate", token: verifier, expect: .unprocessableEntity)
            try await client.move(second.ticket, to: "duplicate", token: verifier, duplicateOf: "PRO-2020-999999", expect: .unprocessableEntity)
            let view = try #require(try await client.move(second.ticket, to: "duplicate", token: verifier, duplicateOf: original))
            #expect(view.duplicateOf == original)
            try await client.move(original, to: "dispatched", token: verifier)
            let toKetut = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "ketut@example.id").filter(\.$complaintTicket == original).count()
            #expect(toKetut == 1)
        }
    }

    @Test func adminsRouteACategoryToAnotherAgencyInOneKecamatan() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let admin = try await client.token("admin@kerta.example")
            try await app.testing().test(.PUT, "api/v1/routing-overrides", headers: client.headers(admin), beforeRequest: { req in
                try req.content.encode(RoutingOverrideDTO(id: nil, category: "LINGK-TAMAN", kecamatan: "517103", agency: "DISPERKIMTAN"))
            }) { res in #expect(res.status == .ok, "\(res.body.string)") }
            try await app.testing().test(.PUT, "api/v1/routing-overrides", headers: client.headers(admin), beforeRequest: { req in
                try req.content.encode(RoutingOverrideDTO(id: nil, category: "NOPE", kecamatan: "999", agency: "X"))
            }) { res in
                #expect(res.status == .unprocessableEntity)
                let body = try res.content.decode(ErrorBody.self)
                #expect(body.error.fields.map(\.field) == ["category", "kecamatan", "agency"])
            }
            let inBarat = try #require(try await client.report(category: "LINGK-TAMAN", description: "Lampu taman dan bangku di taman kota rusak"))
            #expect(inBarat.agency == "DISPERKIMTAN")
            let inSelatan = try #require(try await client.report(category: "LINGK-TAMAN", description: "Taman di pinggir pantai tidak terawat", at: Place.sanur))
            #expect(inSelatan.agency == "DLHK")
        }
    }
}
