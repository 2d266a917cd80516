import Fluent
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import KertaCore
import Testing
import Vapor
import VaporTesting

@Suite struct Open311APITests {
    func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.value)" }.joined(separator: "&"))
    }

    @Test func aRequestPostedThroughOpen311IsAComplaintLikeAnyOther() async throws {
        try await withKerta(demo: true) { app in
            let (_, key) = try await ApiKeyService(db: app.db, now: app.currentTime).create(name: "SP4N-LAPOR!")
            var ticket = ""
            try await app.testing().test(.POST, "open311/v2/requests.json", headers: ["Content-Type": "application/x-www-form-urlencoded"], beforeRequest: { req in
                req.body = form(["api_key": key, "service_code": "INFRA-JALAN", "lat": "-8.6577", "long": "115.2166",
                                 "description": "Lubang besar di depan Lapangan Puputan", "attribute[ukuran_lubang]": "besar", "first_name": "Made"])
            }) { res in
                #expect(res.status == .ok, "\(res.body.string)")
                #expect(res.headers.first(name: .contentType) == "application/json; charset=utf-8")
                let body = try JSONDecoder().decode([[String: String]].self, from: Data(res.body.string.utf8))
                ticket = body.first?["service_request_id"] ?? ""
                #expect(body.first?["token"] == nil)
            }
            let view = try #require(try await Client(app: app).show(ticket))
            #expect(view.agency == "PUPR" && view.area.desa == "Dauh Puri Kangin")
            let stored = try #require(try await Complaint.query(on: app.db).filter(\.$ticket == ticket).first())
            #expect(stored.attributes == ["ukuran_lubang": ["besar"]])
            #expect(try await AuditEntry.query(on: app.db).filter(\.$subjectID == stored.id!).count() == 1)
        }
    }

    @Test func keysAreRequiredRevocableAndRateLimited() async throws {
        try await withKerta { app in
            let service = ApiKeyService(db: app.db, now: app.currentTime)
            let (issued, key) = try await service.create(name: "Civic app", ratePerMinute: 2)
            #expect(issued.keyHash != key && !issued.keyHash.contains(key))
            let fields = ["service_code": "LAIN-LAIN", "lat": "-8.6577", "long": "115.2166", "description": "Pertanyaan umum tentang layanan"]
            var statuses: [UInt] = []
            for apiKey in [nil, "wrong", key, key, key] {
                var body = fields
                if let apiKey { body["api_key"] = apiKey }
                try await app.testing().test(.POST, "open311/v2/requests.xml", headers: ["Content-Type": "application/x-www-form-urlencoded"], beforeRequest: { req in
                    req.body = form(body)
                }) { res in
                    statuses.append(res.status.code)
                    #expect(res.headers.first(name: .contentType) == "text/xml; charset=utf-8")
                    #expect(res.body.string.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>"))
                }
            }
            #expect(statuses == [403, 403, 200, 200, 429])
            _ = try await service.revoke(prefixOrID: issued.prefix)
            await #expect(throws: ApiKeyService.Refusal.revoked) { try await service.authorize(key) }
        }
    }

    @Test func confidentialComplaintsNeverAppearAndJurisdictionsAreChecked() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let secret = try #require(try await client.report(visibility: "confidential")).ticket
            let open = try #require(try await client.report(visibility: "anonymous")).ticket
            try await app.testing().test(.GET, "open311/v2/requests.json") { res in
                #expect(res.body.string.contains(open))
                #expect(!res.body.string.contains(secret))
                #expect(!res.body.string.contains("Ni Luh") && !res.body.string.contains("sari@example.id"))
            }
            try await app.testing().test(.GET, "open311/v2/requests/\(secret).json") { res in #expect(res.status == .notFound) }
            try await app.testing().test(.GET, "open311/v2/services.json?jurisdiction_id=denpasar.go.id") { res in #expect(res.status == .ok) }
            try await app.testing().test(.GET, "open311/v2/services.xml?jurisdiction_id=badung.go.id") { res in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("<errors><error><code>404</code>"))
            }
            try await app.testing().test(.GET, "open311/v2/requests.json?start_date=2026-01-01&end_date=2026-12-31") { res in
                #expect(res.status == .badRequest)
            }
        }
    }

    @Test func theServicesListFollowsTheCategoriesOnceTheyChange() async throws {
        try await withKerta { app in
            func codes() async throws -> [String] {
                var codes: [String] = []
                try await app.testing().test(.GET, "open311/v2/services.json") { res in
                    #expect(res.status == .ok)
                    codes = try JSONDecoder().decode([[String: AnyCodable]].self, from: Data(res.body.string.utf8)).compactMap { $0["service_code"]?.text }
                }
                return codes
            }
            #expect(try await codes().contains("INFRA-JALAN"))
            let category = try #require(try await Category.find("INFRA-JALAN", on: app.db))
            category.active = false
            try await category.save(on: app.db)
            // What the admin pages do after an edit.
            await app.kertaCaches.referenceChanged()
            let after = try await codes()
            #expect(!after.contains("INFRA-JALAN"))
            #expect(after.contains("LAIN-LAIN"))
        }
    }
}

/// Any JSON value, read for its text when it is one.
private struct AnyCodable: Decodable {
    let text: String?
    init(from decoder: any Decoder) throws {
        text = try? decoder.singleValueContainer().decode(String.self)
    }
}
