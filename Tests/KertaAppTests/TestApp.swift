import Fluent
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The database the suite runs against: in-memory SQLite, or PostgreSQL when `TEST_DATABASE_URL` is set.
///
/// Tests read `TEST_DATABASE_URL` and never `DATABASE_URL`, so a developer's `.env` cannot point the
/// suite at real data. On PostgreSQL each test gets a schema of its own, dropped afterwards, so tests
/// can run in parallel against one server.
enum TestDatabase {
    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty else { return nil }
        return url
    }

    static var isPostgres: Bool { postgresURL != nil }

    /// A schema name no other test uses.
    static func freshSchema() -> String {
        "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    }

    /// Creates the configuration's schema, when it names one.
    static func createSchema(_ schema: String?, _ app: Application) async throws {
        guard let schema else { return }
        try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA \(ident: schema)").run()
    }
}

/// Runs `body` with a configured, migrated Kerta whose reference data is loaded (and the demo accounts,
/// when asked; the demo's three months of complaints only when a test needs them, as they take a while).
func withKerta(
    demo: Bool = false,
    demoComplaints: Bool = false,
    migrate: Bool = true,
    adjust: (inout KertaConfiguration) -> Void = { _ in },
    _ body: (Application) async throws -> Void
) async throws {
    let app = try await Application.make(.testing)
    var schema: String? = nil
    var configuration = KertaConfiguration(autoMigrate: false, seedDemo: demo, logLevel: .warning)
    if let url = TestDatabase.postgresURL {
        schema = TestDatabase.freshSchema()
        configuration.database = .postgres(url: url, schema: schema)
    }
    adjust(&configuration)
    if case .postgres(_, let configured) = configuration.database, configured == schema {} else { schema = nil }
    do {
        try await configure(app, configuration: configuration)
        try await TestDatabase.createSchema(schema, app)
        if migrate {
            try await DatabaseMaintenance.migrate(app)
            try await DatabaseMaintenance.seed(app, demo: demo, demoComplaints: demoComplaints)
        }
        try await body(app)
    } catch {
        await dropSchema(schema, app)
        try? await app.asyncShutdown()
        throw error
    }
    await dropSchema(schema, app)
    try await app.asyncShutdown()
}

private func dropSchema(_ schema: String?, _ app: Application) async {
    guard let schema else { return }
    try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
}
