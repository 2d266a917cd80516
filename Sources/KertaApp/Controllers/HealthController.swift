import Fluent
import SQLKit
import Vapor

/// `GET /health`: whether this process can serve, for load balancers and monitoring.
/// `GET /health/live`: only that the process answers, without touching the database — a liveness probe that
/// must not restart every server when the database is down, and the framework's own ceiling in `bench/`.
struct HealthController: RouteCollection {
    struct Status: Content {
        let status: String
        let database: String
        let spatial: String?
        let version: String
        let time: Date
    }

    let databaseEngine: String
    /// Exempt from admission control (``RequestGate``), so it answers while the server is full or stopping.
    static let livePath = "/health/live"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
        routes.get("health", "live") { _ in "ok" }
    }

    @Sendable func health(req: Request) async throws -> Response {
        do {
            try await (req.db as! any SQLDatabase).raw("SELECT 1 AS ok").run()
            let spatial = try await req.application.areaDirectory.spatialSupport(on: req.db)
            return try await Status(status: "ok", database: databaseEngine, spatial: spatial.rawValue, version: KertaVersion.current, time: Date())
                .encodeResponse(status: .ok, for: req)
        } catch {
            req.logger.warning("health check: database unreachable: \(String(reflecting: error))")
            let response = try await Status(status: "unavailable", database: databaseEngine, spatial: nil, version: KertaVersion.current, time: Date())
                .encodeResponse(status: .serviceUnavailable, for: req)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(DatabaseOutage.retryAfter))
            return response
        }
    }
}
