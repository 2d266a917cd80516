import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import SQLKit
import Testing
import Vapor
import VaporTesting

/// What keeps Kerta standing: clear answers when the database is away or the server is full or stopping,
/// limits that name themselves, and the browser-side defence headers.
@Suite struct HardeningTests {
    static let unreachablePostgres = "postgres://kerta:kerta@127.0.0.1:1/kerta"

    @Test func aDatabaseOutageIsA503WithRetryAfterNotA500() async throws {
        try await withKerta(migrate: false, adjust: { $0.database = .postgres(url: Self.unreachablePostgres, schema: nil); $0.logLevel = .critical }) { app in
            try await app.testing().test(.GET, "api/v1/complaints") { res in
                #expect(res.status == .serviceUnavailable)
                #expect(res.headers.first(name: .retryAfter) == String(DatabaseOutage.retryAfter))
                #expect(res.body.string.contains("\"code\":\"database_unavailable\""))
            }
            try await app.testing().test(.GET, "open311/v2/requests.json") { res in
                #expect(res.status == .serviceUnavailable)
                #expect(res.headers.first(name: .retryAfter) != nil)
                #expect(res.body.string.contains("\"code\":503"))
            }
            try await app.testing().test(.GET, "health") { res in
                #expect(res.status == .serviceUnavailable)
                #expect(res.headers.first(name: .retryAfter) != nil)
            }
        }
    }

    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        try await withKerta { app in
            for path in ["", "api/v1/categories", "no-such-page", "css/kerta.css"] {
                try await app.testing().test(.GET, path) { res in
                    let policy = res.headers.first(name: .contentSecurityPolicy) ?? ""
                    #expect(policy.contains("script-src 'self'"), "\(path)")
                    #expect(policy.contains("style-src 'self'"), "\(path)")
                    #expect(!policy.contains("unsafe-inline"), "\(path)")
                    #expect(policy.contains("frame-ancestors 'none'"), "\(path)")
                    #expect(res.headers.first(name: .xContentTypeOptions) == "nosniff", "\(path)")
                    #expect(res.headers.first(name: .xFrameOptions) == "DENY", "\(path)")
                    #expect(res.headers.first(name: "Referrer-Policy") == "strict-origin-when-cross-origin", "\(path)")
                    // Served over plain HTTP here: HSTS would be ignored, and wrong behind no TLS.
                    #expect(res.headers.first(name: .strictTransportSecurity) == nil, "\(path)")
                }
            }
        }
    }

    @Test func httpsTurnsOnHSTSAndTheTileHostIsAllowedForImages() async throws {
        try await withKerta(adjust: {
            $0.publicURL = "https://pro.denpasarkota.go.id"
            $0.tileURL = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
        }) { app in
            try await app.testing().test(.GET, "") { res in
                #expect(res.headers.first(name: .strictTransportSecurity)?.hasPrefix("max-age=") == true)
                #expect(res.headers.first(name: .contentSecurityPolicy)?.contains("img-src 'self' data: blob: https://*.tile.openstreetmap.org") == true)
            }
        }
    }

    @Test func tileSourcesForThePolicy() {
        #expect(SecurityHeadersMiddleware.tileSource("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png") == "https://*.tile.openstreetmap.org")
        #expect(SecurityHeadersMiddleware.tileSource("http://127.0.0.1:8081/tiles/{z}/{x}/{y}.png") == "http://127.0.0.1:8081")
        #expect(SecurityHeadersMiddleware.tileSource("https://{region}.maps.example/{z}/{x}/{y}") == "https:")
        #expect(SecurityHeadersMiddleware.tileSource("https://a.example'; script-src *") == "https:")
        #expect(SecurityHeadersMiddleware.tileSource("") == nil)
        #expect(SecurityHeadersMiddleware.tileSource("javascript:alert(1)") == nil)
    }

    @Test func aFullServerShedsAtOnceAndRecovers() async throws {
        try await withKerta(migrate: false) { app in
            let gate = RequestGate(limit: 1)
            let (entered, enteredContinuation) = AsyncStream.makeStream(of: Void.self)
            let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
            let slow = SlowResponder(entered: enteredContinuation, release: release)
            let first = Task { try await gate.respond(to: Request(application: app, on: app.eventLoopGroup.next()), chainingTo: slow) }
            for await _ in entered { break }
            #expect(gate.inFlight == 1)
            let shed = try await gate.respond(to: Request(application: app, on: app.eventLoopGroup.next()), chainingTo: FastResponder())
            #expect(shed.status == .serviceUnavailable)
            #expect(shed.headers.first(name: .retryAfter) == "2")
            #expect(shed.body.string?.contains("overloaded") == true)
            // The liveness probe is never shed.
            let live = try await gate.respond(to: Request(application: app, url: URI(path: HealthController.livePath), on: app.eventLoopGroup.next()),
                                              chainingTo: FastResponder())
            #expect(live.status == .ok)
            releaseContinuation.yield()
            #expect(try await first.value.status == .ok)
            #expect(gate.inFlight == 0)
            let again = try await gate.respond(to: Request(application: app, on: app.eventLoopGroup.next()), chainingTo: FastResponder())
            #expect(again.status == .ok)
        }
    }

    @Test func aStoppingServerRefusesNewRequestsAndWaitsForThoseInFlight() async throws {
        try await withKerta(migrate: false) { app in
            let gate = RequestGate(limit: 10)
            let (entered, enteredContinuation) = AsyncStream.makeStream(of: Void.self)
            let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
            let inFlight = Task {
                try await gate.respond(to: Request(application: app, on: app.eventLoopGroup.next()),
                                       chainingTo: SlowResponder(entered: enteredContinuation, release: release))
            }
            for await _ in entered { break }
            gate.beginDraining()
            let refused = try await gate.respond(to: Request(application: app, on: app.eventLoopGroup.next()), chainingTo: FastResponder())
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers.first(name: .connection) == "close")
            #expect(refused.headers.first(name: .retryAfter) != nil)
            #expect(await gate.waitUntilIdle(before: .now + .milliseconds(100)) == false)
            releaseContinuation.yield()
            #expect(await gate.waitUntilIdle(before: .now + .seconds(5)))
            #expect(try await inFlight.value.status == .ok)
        }
    }

    @Test func limitsAreAnsweredNamingTheLimit() async throws {
        try await withKerta { app in
            let big = String(repeating: "a", count: 70 * 1024)
            try await app.testing().test(.POST, "api/v1/auth/token", beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: "{\"email\":\"\(big)\",\"password\":\"x\"}")
            }) { res in
                #expect(res.status == .payloadTooLarge)
                #expect(res.body.string.contains("64 KB"))
            }
            let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
            try await app.testing().test(.POST, "api/v1/auth/token", beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: "{\"email\":\(deep)}")
            }) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("32"))
                #expect(res.body.string.contains("\"field\":\"body\""))
            }
            try await app.testing().test(.GET, "api/v1/complaints?q=" + String(repeating: "x", count: 5000)) { res in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("\"field\":\"query\""))
                #expect(res.body.string.contains("4096"))
            }
            var form = ""
            for index in 0..<80 { form += "--kerta\r\nContent-Disposition: form-data; name=\"f\(index)\"\r\n\r\nx\r\n" }
            form += "--kerta--\r\n"
            try await app.testing().test(.POST, "api/v1/complaints", beforeRequest: { req in
                req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=kerta")
                req.body = ByteBuffer(string: form)
            }) { res in
                #expect(res.status == .payloadTooLarge)
                #expect(res.body.string.contains("64"))
            }
        }
    }

    /// An acknowledged change must survive a power cut, not only a crash of Kerta: SQLite syncs the
    /// write-ahead log at every commit (synchronous = FULL, SQLite's default, which Kerta keeps).
    @Test func sqliteSyncsEveryCommit() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kerta-sync-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withKerta(adjust: { $0.database = .sqlite(path: folder.appendingPathComponent("kerta.sqlite").path) }) { app in
            struct Row: Decodable { let synchronous: Int }
            struct Mode: Decodable { let journal_mode: String }
            let sql = app.db as! any SQLDatabase
            let synchronous = try await sql.raw("PRAGMA synchronous").first(decoding: Row.self)
            let mode = try await sql.raw("PRAGMA journal_mode").first(decoding: Mode.self)
            #expect(synchronous?.synchronous == 2)
            #expect(mode?.journal_mode == "wal")
        }
    }
}

private struct FastResponder: AsyncResponder {
    func respond(to request: Request) async throws -> Response { Response(status: .ok) }
}

/// Holds its request until released, to have one in flight.
private struct SlowResponder: AsyncResponder {
    let entered: AsyncStream<Void>.Continuation
    let release: AsyncStream<Void>

    func respond(to request: Request) async throws -> Response {
        entered.yield()
        for await _ in release { break }
        return Response(status: .ok)
    }
}
