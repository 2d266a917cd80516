import Fluent
import SQLKit
import Vapor

/// `GET /health`: whether this process can serve, for load balancers and monitoring.
/// `GET /health/live`: only that the process answers, without touching the database — a liveness probe that
/// must not restart every server when the database is down, and the framework's own ceiling in `bench/`.
package struct HealthController: RouteCollection {
    package struct Status: Content {
        package let status: String
        package let database: String
        package let spatial: String?
        package let version: String
        package let time: Date
    }

    package let databaseEngine: String

    package init(databaseEngine: String) {
        self.databaseEngine = databaseEngine
    }
    /// Exempt from admission control (``RequestGate``), so it answers while the server is full or stopping.
    package static let livePath = "/health/live"

    package func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
        routes.get("health", "live") { _ in "ok" }
    }

    @Sendable package func health(req: Request) async throws -> Response {
        do {
            try await (req.db as! any SQLDatabase).raw("SELECT 1 AS ok").run()
            let spatial = try await req.application.areaDirectory.spatialSupport(on: req.db)
            return try await Status(status: "ok", database: databaseEngine, spatial: spatial.rawValue, version: KertaVersion.current, time: req.now)
                .encodeResponse(status: .ok, for: req)
        } catch {
            req.logger.warning("health check: database unreachable: \(String(reflecting: error))")
            let response = try await Status(status: "unavailable", database: databaseEngine, spatial: nil, version: KertaVersion.current, time: req.now)
                .encodeResponse(status: .serviceUnavailable, for: req)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(DatabaseOutage.retryAfter))
            return response
        }
    }
}
