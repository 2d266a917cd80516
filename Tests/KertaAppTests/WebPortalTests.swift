import Fluent
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import KertaCore
import Testing
import Vapor
import VaporTesting

/// A browser without JavaScript: keeps its cookies (the session's and the form token's) and the form token between requests.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var cookie: String? { cookies.isEmpty ? nil : cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
    var csrf = ""
    var language: String?

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String) async throws -> (HTTPStatus, String, HTTPHeaders) {
        var result: (HTTPStatus, String, HTTPHeaders) = (.ok, "", [:])
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: cookie) }
        if let language { headers.add(name: .acceptLanguage, value: language) }
        try await app.testing().test(.GET, path, headers: headers) { res in
            result = (res.status, res.body.string, res.headers)
            self.keep(res)
        }
        if let token = result.1.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) {
            csrf = String(result.1[token].split(separator: "\"")[3])
        }
        return result
    }

    @discardableResult
    func post(_ path: String, _ fields: [String: String], token: Bool = true) async throws -> (HTTPStatus, String, HTTPHeaders) {
        var result: (HTTPStatus, String, HTTPHeaders) = (.ok, "", [:])
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
        if let cookie { headers.add(name: .cookie, value: cookie) }
        var all = fields
        if token { all["_csrf"] = csrf }
        let body = all.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: body)) { res in
            result = (res.status, res.body.string, res.headers)
            self.keep(res)
        }
        return result
    }

    /// As a browser running the page's script posts the report: multipart, fields in order, a name repeated for several answers.
    @discardableResult
    func postMultipart(_ path: String, _ fields: [(String, String)]) async throws -> (HTTPStatus, String, HTTPHeaders) {
        var result: (HTTPStatus, String, HTTPHeaders) = (.ok, "", [:])
        let boundary = "kerta-test-boundary"
        var headers: HTTPHeaders = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
        if let cookie { headers.add(name: .cookie, value: cookie) }
        var body = ""
        for (name, value) in [(CSRF.field, csrf)] + fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)--\r\n"
        try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: body)) { res in
            result = (res.status, res.body.string, res.headers)
            self.keep(res)
        }
        return result
    }

    private func keep(_ res: TestingHTTPResponse) {
        for header in res.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            let expired = header.lowercased().contains("max-age=0") || header.contains("1970")
            cookies[pair[0]] = expired ? nil : pair[1]
        }
    }

    func signIn(_ email: String) async throws {
        try await get("/login")
        let (status, _, headers) = try await post("/login", ["email": email, "password": DemoAccount.password, "next": "/console"])
        #expect(status == .seeOther && headers.first(name: .location) == "/console")
    }
}

@Suite struct WebPortalTests {
    @Test func theHomePageSpeaksIndonesianFirstAndEnglishOnRequest() async throws {
        try await withKerta { app in
            let browser = Browser(app)
            let (status, html, headers) = try await browser.get("/")
            #expect(status == .ok)
            #expect(html.contains("<html lang=\"id\"") && html.contains("Apa yang terjadi di kota"))
            #expect(headers.first(name: .contentLanguage) == "id")
            browser.language = "en-GB,en;q=0.9"
            #expect(try await browser.get("/").1.contains("What is happening in the city"))
            // The switch is remembered in a cookie, over the browser's language.
            try await app.testing().test(.GET, "/lang/id?next=/report") { res in
                #expect(res.status == .seeOther && res.headers.first(name: .location) == "/report")
                #expect(res.headers[.setCookie].contains { $0.hasPrefix("lang=id") })
            }
            try await app.testing().test(.GET, "/lang/en?next=//evil.example") { res in
                #expect(res.headers.first(name: .location) == "/")
            }
            try await app.testing().test(.GET, "/", headers: ["Cookie": "lang=en", "Accept-Language": "id"]) { res in
                #expect(res.body.string.contains("What is happening in the city"))
            }
        }
    }

    @Test func aReportWorksWithoutJavaScriptAndShowsEachErrorBesideItsField() async throws {
        try await withKerta { app in
            let browser = Browser(app)
            try await browser.get("/report")
            let (bad, html, _) = try await browser.post("/report", ["category": "INFRA-JALAN", "description": "pendek", "lat": "", "lon": "115.2166"])
            #expect(bad == .unprocessableEntity)
            for field in ["lat", "description", "reporter_name"] {
                #expect(html.contains("id=\"\(field)-error\""), "no error beside \(field)")
            }
            #expect(html.contains("value=\"115.2166\""))  // what was typed is kept
            #expect(try await Complaint.query(on: app.db).count() == 0)
            let (status, _, headers) = try await browser.post("/report", [
                "category": "INFRA-JALAN", "description": "Jalan berlubang besar di depan pasar", "lat": "-8.6577", "lon": "115.2166",
                "visibility": "anonymous", "reporter_name": "Made", "attribute[INFRA-JALAN][ukuran_lubang]": "besar",
            ])
            #expect(status == .seeOther)
            let location = try #require(headers.first(name: .location))
            #expect(location.hasPrefix("/complaints/PRO-") && location.hasSuffix("?new=1"))
            let (_, page, _) = try await browser.get(location)
            #expect(page.contains("Laporan diterima") && page.contains("Dauh Puri Kangin"))
            // The same browser holds the access key, so it may follow its anonymous report.
            let complaint = try #require(try await Complaint.query(on: app.db).first())
            #expect(complaint.visibility == .anonymous)
            #expect(page.contains(AccessKey(secret: app.kertaConfiguration.secret).key(for: complaint.id!)))
        }
    }

    @Test func formsWithoutTheTokenAreRefused() async throws {
        try await withKerta { app in
            let browser = Browser(app)
            try await browser.get("/report")
            let (status, _, _) = try await browser.post("/report", ["category": "INFRA-JALAN", "description": "Jalan berlubang besar", "lat": "-8.6577",
                                                                     "lon": "115.2166", "reporter_name": "Made"], token: false)
            #expect(status == .forbidden)
            #expect(try await Complaint.query(on: app.db).count() == 0)
        }
    }

    @Test func readingPagesWritesNoSessionAndTheFormTokenComesInASignedCookie() async throws {
        try await withKerta(demo: true) { app in
            let ticket = try #require(try await Client(app: app).report()).ticket
            let visitor = Browser(app)
            for path in ["/", "/report", "/map", "/performance", "/complaints/\(ticket)", "/login"] {
                #expect(try await visitor.get(path).0 == .ok, "\(path)")
            }
            // A crawler's thousand visits used to leave a thousand session rows behind.
            #expect(try await SessionRecord.query(on: app.db).count() == 0)
            #expect(visitor.cookies["kerta_session"] == nil)
            let cookieToken = try #require(visitor.cookies[CSRF.cookieName])
            #expect(visitor.csrf == cookieToken)

            // The cookie's token works for a visitor without a session, and one made up without the secret does not.
            let forged = String(cookieToken.prefix(25)) + String(repeating: "A", count: cookieToken.count - 25)
            let stranger = Browser(app)
            stranger.cookies[CSRF.cookieName] = forged
            stranger.csrf = forged
            let (refused, _, _) = try await stranger.post("/complaints/\(ticket)/follow", ["email": "warga@contoh.id"])
            #expect(refused == .forbidden)
            let (followed, _, _) = try await visitor.post("/complaints/\(ticket)/follow", ["email": "warga@contoh.id"])
            #expect(followed == .seeOther)

            // Signing in starts the session; a page opened before still posts, and the next one carries the session's token.
            let (signedIn, _, _) = try await visitor.post("/login", ["email": "verifikator@kerta.example", "password": DemoAccount.password, "next": "/console"])
            #expect(signedIn == .seeOther && visitor.cookies["kerta_session"] != nil)
            try await visitor.get("/console")
            #expect(visitor.csrf != cookieToken)
            #expect(try await visitor.post("/logout", [:]).0 == .seeOther)
        }
    }

    @Test func theConsoleSendsStrangersToSignInAndGivesEachOfficerOnlyTheirMoves() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let p = try await client.people()
            let ticket = try #require(try await client.report(visibility: "confidential")).ticket
            try await client.move(ticket, to: "dispatched", token: p.verifier)

            let stranger = Browser(app)
            let (status, _, headers) = try await stranger.get("/console")
            #expect(status == .seeOther && headers.first(name: .location) == "/login?next=/console")

            let dlhk = Browser(app)
            try await dlhk.signIn("petugas.dlhk@kerta.example")
            #expect(try await dlhk.get("/console/complaints/\(ticket)").0 == .notFound)

            let pupr = Browser(app)
            try await pupr.signIn("petugas.pupr@kerta.example")
            let (_, queue, _) = try await pupr.get("/console")
            #expect(queue.contains(ticket))
            let (_, workspace, _) = try await pupr.get("/console/complaints/\(ticket)")
            #expect(workspace.contains("id=\"act-in_progress\"") && workspace.contains("id=\"act-referred\""))
            #expect(!workspace.contains("id=\"act-resolved\""))
            let (moved, _, _) = try await pupr.post("/console/complaints/\(ticket)/act", ["to": "in_progress"])
            #expect(moved == .seeOther)
            let (refused, page, _) = try await pupr.post("/console/complaints/\(ticket)/act", ["to": "resolved", "note": ""])
            #expect(refused == .unprocessableEntity && page.contains("role=\"alert\""))
            #expect(try await Complaint.query(on: app.db).filter(\.$ticket == ticket).first()?.status == .inProgress)
        }
    }

    @Test func theReporterConfirmsAndRatesOnTheComplaintPage() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let p = try await client.people()
            let ticket = try #require(try await client.report(reporter: nil, token: p.resident)).ticket
            try await client.move(ticket, to: "dispatched", token: p.verifier)
            try await client.move(ticket, to: "in_progress", token: p.pupr)
            try await client.move(ticket, to: "resolved", token: p.pupr, note: "Sudah ditambal")
            let resident = Browser(app)
            try await resident.signIn("warga@kerta.example")
            let (_, page, _) = try await resident.get("/complaints/\(ticket)")
            #expect(page.contains("id=\"confirm\"") && page.contains("Sudah ditambal"))
            #expect(try await resident.post("/complaints/\(ticket)/respond", ["action": "confirm"]).0 == .seeOther)
            try await resident.get("/complaints/\(ticket)")
            #expect(try await resident.post("/complaints/\(ticket)/respond", ["action": "rate", "stars": "4", "comment": "Baik"]).0 == .seeOther)
            let stored = try #require(try await Complaint.query(on: app.db).filter(\.$ticket == ticket).first())
            #expect(stored.status == .closed && stored.ratingStars == 4)
        }
    }
}

@Suite struct WebAdminTests {
    @Test func adminsConfigureCategoriesUsersKeysAndTemplatesAndOthersMayNot() async throws {
        try await withKerta(demo: true) { app in
            let officer = Browser(app)
            try await officer.signIn("petugas.pupr@kerta.example")
            #expect(try await officer.get("/console/admin").0 == .forbidden)
            #expect(try await Browser(app).get("/console/admin").0 == .seeOther)

            let admin = Browser(app)
            try await admin.signIn("admin@kerta.example")
            let (status, page, _) = try await admin.get("/console/admin")
            #expect(status == .ok && page.contains("INFRA-LPJU"))
            try await admin.get("/console/admin/categories/INFRA-LPJU")
            let (saved, _, _) = try await admin.post("/console/admin/categories/INFRA-LPJU", [
                "name_id": "Lampu jalan (PJU) mati", "name_en": "Street light out", "group_id": "Infrastruktur", "group_en": "Infrastructure",
                "agency": "PUPR", "priority": "high", "active": "on",
            ])
            #expect(saved == .seeOther)
            // The admin's choice stands when the reference data is loaded again.
            try await DatabaseMaintenance.seed(app, demo: false)
            let lights = try #require(try await Category.find("INFRA-LPJU", on: app.db))
            #expect(lights.$agency.id == "PUPR" && lights.priority == .high && lights.nameEN == "Street light out")

            try await admin.get("/console/admin")
            let (_, withKey, _) = try await admin.post("/console/admin/apikeys", ["name": "Aplikasi desa", "rate": "30"])
            #expect(withKey.contains("id=\"new-key\"") && withKey.contains("kerta_"))
            #expect(try await ApiKey.query(on: app.db).filter(\.$name == "Aplikasi desa").first()?.ratePerMinute == 30)

            let (created, _, _) = try await admin.post("/console/admin/users", ["email": "petugas.baru@denpasarkota.go.id", "password": "rahasia-panjang",
                                                                                 "role": "officer", "agency": "DLHK", "name": "Petugas Baru"])
            #expect(created == .seeOther)
            let (refused, refusal, _) = try await admin.post("/console/admin/users", ["email": "x@denpasarkota.go.id", "password": "rahasia-panjang", "role": "officer"])
            #expect(refused == .unprocessableEntity && refusal.contains("role=\"alert\""))

            let (template, _, _) = try await admin.post("/console/admin/templates", ["category": "INFRA-JALAN", "body": "Lubang telah ditambal oleh UPT Jalan."])
            #expect(template == .seeOther)
            #expect(try await ConsoleController.templates(for: "INFRA-JALAN", language: .indonesian, on: app.db).first == "Lubang telah ditambal oleh UPT Jalan.")
        }
    }
}

@Suite struct WebAddressTests {
    @Test func anAddressNamingADesaPlacesAReportWithoutCoordinates() async throws {
        try await withKerta { app in
            let browser = Browser(app)
            try await browser.get("/report")
            let (status, _, headers) = try await browser.post("/report", [
                "category": "LINGK-SAMPAH", "description": "Sampah menumpuk di pinggir jalan dekat pasar", "lat": "", "lon": "",
                "address": "Jl. Gatot Subroto Barat, Dauh Puri Kaja", "reporter_name": "Ketut",
                "attribute[LINGK-SAMPAH][jenis_sampah][]": "plastik",
            ])
            #expect(status == .seeOther, "\(headers)")
            let complaint = try #require(try await Complaint.query(on: app.db).first())
            #expect(complaint.desaName == "Dauh Puri Kaja")
        }
    }
}
