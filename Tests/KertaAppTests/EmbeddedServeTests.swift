import Fluent
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import Testing
import Vapor
import VaporTesting

/// `kerta` with no configuration: creates its data folder and SQLite file, migrates, seeds, and serves.
@Suite struct EmbeddedServeTests {
    @Test func servingAFreshDataFolderCreatesTheDatabaseAndAnswersOverTCP() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kerta-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = try KertaConfiguration.from(environment: ["KERTA_DATA_DIR": folder.path, "PORT": "0"], isProduction: false)

        let app = try await Application.make(.testing)
        app.environment.arguments = ["vapor"]
        do {
            try await configure(app, configuration: configuration)
            app.http.server.configuration.port = 0
            try await app.startup()
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("kerta.sqlite").path))
            let port = try #require(app.http.server.shared.localAddress?.port)
            let response = try await app.client.get("http://127.0.0.1:\(port)/health")
            #expect(response.status == .ok)
            #expect(try await User.query(on: app.db).filter(\.$isDemo == true).count() == DemoAccount.all.count)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
