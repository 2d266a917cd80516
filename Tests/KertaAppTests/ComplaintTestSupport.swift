import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import KertaCore
import Testing
import Vapor
import VaporTesting

/// Places in Denpasar the tests report from.
enum Place {
    /// Lapangan Puputan Badung, Dauh Puri Kangin, Denpasar Barat.
    static let puputan = (lat: -8.6577, lon: 115.2166)
    /// About 60 m east of Puputan.
    static let nearPuputan = (lat: -8.6577, lon: 115.2171)
    /// Sanur beach, Denpasar Selatan (several km away).
    static let sanur = (lat: -8.6783, lon: 115.2631)
    /// Kuta, outside the city.
    static let kuta = (lat: -8.7184, lon: 115.1686)
}

/// The API calls a resident and the staff make, as helpers, so each test reads as the story it tells.
struct Client {
    let app: Application

    func token(_ email: String) async throws -> String {
        var token = ""
        try await app.testing().test(.POST, "api/v1/auth/token", beforeRequest: { req in
            try req.content.encode(["email": email, "password": DemoAccount.password])
        }) { res in
            expectDocumented(.POST, "api/v1/auth/token", res)
            #expect(res.status == .ok, "sign-in of \(email): \(res.body.string)")
            token = try res.content.decode(TokenResponse.self).token
        }
        return token
    }

    /// Bearer tokens of the demo's people, signed in once per test.
    struct People {
        let resident: String, verifier: String, pupr: String, dlhk: String, supervisor: String, admin: String
    }

    func people() async throws -> People {
        People(resident: try await token("warga@kerta.example"), verifier: try await token("verifikator@kerta.example"),
               pupr: try await token("petugas.pupr@kerta.example"), dlhk: try await token("petugas.dlhk@kerta.example"),
               supervisor: try await token("pimpinan@kerta.example"), admin: try await token("admin@kerta.example"))
    }

    func headers(_ token: String?, accessKey: String? = nil, extra: [(String, String)] = []) -> HTTPHeaders {
        var headers = HTTPHeaders(extra)
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if let accessKey { headers.replaceOrAdd(name: "X-Access-Key", value: accessKey) }
        return headers
    }

    func report(category: String = "INFRA-JALAN", description: String = "Jalan berlubang dalam di depan lapangan, berbahaya bagi pemotor",
                at place: (lat: Double, lon: Double) = Place.puputan, visibility: String = "public",
                reporter: [String: String]? = ["name": "Ni Luh Putu Sari", "email": "sari@example.id", "phone": "0812 3456 7890"],
                token: String? = nil, idempotencyKey: String? = nil, expect status: HTTPResponseStatus = .created) async throws -> ComplaintCreated? {
        struct Body: Content {
            let category: String
            let description: String
            let lat: Double
            let lon: Double
            let visibility: String
            let reporter: [String: String]?
        }
        var created: ComplaintCreated?
        var extra: [(String, String)] = []
        if let idempotencyKey { extra.append(("Idempotency-Key", idempotencyKey)) }
        try await app.testing().test(.POST, "api/v1/complaints", headers: headers(token, extra: extra), beforeRequest: { req in
            try req.content.encode(Body(category: category, description: description, lat: place.lat, lon: place.lon,
                                        visibility: visibility, reporter: reporter))
        }) { res in
            expectDocumented(.POST, "api/v1/complaints", res)
            #expect(res.status == status, "\(res.body.string)")
            if res.status == .created || res.status == .ok { created = try res.content.decode(ComplaintCreated.self) }
        }
        return created
    }

    /// Asks for a transition and returns the status code (and the view when it succeeded).
    @discardableResult
    func move(_ ticket: String, to: String, token: String?, accessKey: String? = nil, note: String? = nil, reason: String? = nil,
              agency: String? = nil, duplicateOf: String? = nil, expect status: HTTPResponseStatus = .ok,
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> ComplaintView? {
        var view: ComplaintView?
        try await app.testing().test(.POST, "api/v1/complaints/\(ticket)/transitions", headers: headers(token, accessKey: accessKey), beforeRequest: { req in
            try req.content.encode(TransitionInput(to: to, note: note, agency: agency, duplicateOf: duplicateOf, reason: reason))
        }) { res in
            expectDocumented(.POST, "api/v1/complaints/\(ticket)/transitions", res, sourceLocation: sourceLocation)
            #expect(res.status == status, "\(ticket) → \(to): \(res.body.string)", sourceLocation: sourceLocation)
            if res.status == .ok { view = try res.content.decode(ComplaintView.self) }
        }
        return view
    }

    func show(_ ticket: String, token: String? = nil, accessKey: String? = nil, expect status: HTTPResponseStatus = .ok) async throws -> ComplaintView? {
        var view: ComplaintView?
        try await app.testing().test(.GET, "api/v1/complaints/\(ticket)", headers: headers(token, accessKey: accessKey)) { res in
            expectDocumented(.GET, "api/v1/complaints/\(ticket)", res)
            #expect(res.status == status, "\(res.body.string)")
            if res.status == .ok { view = try res.content.decode(ComplaintView.self) }
        }
        return view
    }

    func get<T: Decodable>(_ path: String, as type: T.Type, token: String? = nil, expect status: HTTPResponseStatus = .ok) async throws -> T? {
        var value: T?
        try await app.testing().test(.GET, path, headers: headers(token)) { res in
            expectDocumented(.GET, path, res)
            #expect(res.status == status, "\(path): \(res.body.string)")
            if res.status == .ok { value = try res.content.decode(T.self) }
        }
        return value
    }
}

/// Every answer the API helpers receive is checked against the served OpenAPI document (``OpenAPIResponseCheck``).
func expectDocumented(_ method: HTTPMethod, _ path: String, _ res: TestingHTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) {
    let problems = OpenAPIResponseCheck.document.problems(method: method.rawValue, path: path, status: res.status.code,
                                                          contentType: res.headers.first(name: .contentType), body: Data(buffer: res.body))
    for problem in problems { Issue.record("OpenAPI: \(problem)", sourceLocation: sourceLocation) }
}
