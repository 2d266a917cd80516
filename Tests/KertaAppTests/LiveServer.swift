import AsyncHTTPClient
import Fluent
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import NIOCore
import SQLKit
import Testing
import Vapor

/// One database several Kertas share, as servers of one city do: a SQLite file, or a PostgreSQL schema
/// when `TEST_DATABASE_URL` is set. Prepared (migrated, with the demo's accounts) by a first application.
struct SharedDatabase {
    let configuration: KertaConfiguration
    private let folder: URL
    private let schema: String?

    static func make(adjust: (inout KertaConfiguration) -> Void = { _ in }) async throws -> SharedDatabase {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kerta-live-\(UUID().uuidString)")
        var configuration = KertaConfiguration(dataDirectory: folder.path, autoMigrate: false, seedDemo: false, logLevel: .warning)
        configuration.jobsInterval = 0
        configuration.shutdownGrace = 2
        var schema: String? = nil
        if let url = TestDatabase.postgresURL {
            schema = TestDatabase.freshSchema()
            configuration.database = .postgres(url: url, schema: schema)
        } else {
            configuration.database = .sqlite(path: folder.appendingPathComponent("kerta.sqlite").path)
        }
        adjust(&configuration)
        let shared = SharedDatabase(configuration: configuration, folder: folder, schema: schema)
        let app = try await Application.make(.testing)
        do {
            try await configure(app, configuration: configuration)
            try await TestDatabase.createSchema(schema, app)
            try await DatabaseMaintenance.migrate(app)
            try await DatabaseMaintenance.seed(app, demo: true, demoComplaints: false)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return shared
    }

    /// A Kerta on this database: listening on loopback (port 0) when `serve`, else booted without a socket.
    func start(serve: Bool) async throws -> Application {
        let app = try await Application.make(.testing)
        if serve { app.environment.arguments = ["vapor"] }
        do {
            try await configure(app, configuration: configuration)
            if serve {
                app.http.server.configuration.hostname = "127.0.0.1"
                app.http.server.configuration.port = 0
                try await app.startup()
            } else {
                try await app.asyncBoot()
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }

    func remove() async {
        if let schema, let url = TestDatabase.postgresURL {
            var configuration = self.configuration
            configuration.database = .postgres(url: url, schema: nil)
            if let app = try? await Application.make(.testing) {
                try? await configure(app, configuration: configuration)
                try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
                try? await app.asyncShutdown()
            }
        }
        try? FileManager.default.removeItem(at: folder)
    }
}

extension Application {
    var boundPort: Int { http.server.shared.localAddress?.port ?? 0 }
}

/// What a client has received so far, filled by a reading task, waited on by the test with a deadline.
actor Received<Item: Sendable> {
    private(set) var items: [Item] = []
    private(set) var ended = false

    func add(_ item: Item) { items.append(item) }
    func end() { ended = true }

    /// Waits until `count` items arrived (or the stream ended, or the time is up); returns what arrived.
    func wait(for count: Int, seconds: Double = 15) async -> [Item] {
        let deadline = Date().addingTimeInterval(seconds)
        while items.count < count && !ended && Date() < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return items
    }

    func waitUntilEnded(seconds: Double = 15) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !ended && Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return ended
    }
}

/// One Server-Sent Events frame: its id, its event name (nil for a plain message) and its data.
struct SSEFrame: Sendable {
    let id: Int64?
    let event: String?
    let data: String
}

/// Reads `text/event-stream` from a Kerta over loopback, frame by frame.
struct SSEClient {
    let received = Received<SSEFrame>()
    private let task: Task<Void, Never>

    init(port: Int, path: String = "/api/v1/events/stream", lastEventID: Int64? = nil, token: String? = nil) async throws {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        if let lastEventID { request.headers.add(name: "Last-Event-ID", value: String(lastEventID)) }
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        #expect(response.status == .ok)
        #expect(response.headers.first(name: "Content-Type")?.hasPrefix("text/event-stream") == true)
        let received = self.received
        task = Task {
            var pending = ""
            do {
                for try await chunk in response.body {
                    pending += String(buffer: chunk)
                    while let end = pending.range(of: "\n\n") {
                        let block = String(pending[..<end.lowerBound])
                        pending = String(pending[end.upperBound...])
                        var id: Int64?, event: String?, data: [String] = []
                        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                            if line.hasPrefix("id: ") { id = Int64(line.dropFirst(4)) }
                            else if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
                            else if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
                        }
                        if !data.isEmpty { await received.add(SSEFrame(id: id, event: event, data: data.joined(separator: "\n"))) }
                    }
                }
            } catch {}
            await received.end()
        }
    }

    func close() { task.cancel() }
}

/// The servers a test started on one shared database; whatever happens, they are stopped and the database removed.
final class LiveServers: @unchecked Sendable {
    let database: SharedDatabase
    private var apps: [Application] = []

    init(database: SharedDatabase) {
        self.database = database
    }

    func start(serve: Bool = true) async throws -> Application {
        let app = try await database.start(serve: serve)
        apps.append(app)
        return app
    }

    func stop(_ app: Application) async throws {
        apps.removeAll { $0 === app }
        try await app.asyncShutdown()
    }

    fileprivate func stopAll() async {
        for app in apps { try? await app.asyncShutdown() }
        apps = []
        await database.remove()
    }
}

func withLiveServers(_ body: (LiveServers) async throws -> Void) async throws {
    let servers = LiveServers(database: try await SharedDatabase.make())
    do {
        try await body(servers)
    } catch {
        await servers.stopAll()
        throw error
    }
    await servers.stopAll()
}
