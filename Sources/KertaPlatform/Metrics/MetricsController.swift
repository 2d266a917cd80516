import Fluent
import SQLKit
import Vapor

/// `GET /metrics`: Prometheus's text format. Kerta answers it to anyone who reaches the port; the nginx
/// site in `deploy/` lets only the monitoring host through.
package struct MetricsController: RouteCollection {
    package init() {}

    package static let path: [PathComponent] = ["metrics"]

    package func boot(routes: any RoutesBuilder) throws {
        routes.get(Self.path, use: metrics)
    }

    @Sendable package func metrics(req: Request) async throws -> Response {
        let app = req.application
        let hub = app.eventHub
        var snapshot = KertaMetrics.Snapshot()
        snapshot.requestsInFlight = app.requestGate.inFlight
        snapshot.databaseConnectionsMax = app.kertaConfiguration.database.name == "postgres" ? KertaConfiguration.DatabaseEngine.postgresConnectionsPerLoop * System.coreCount : 1
        snapshot.subscribers = await hub.subscriberCount
        snapshot.subscriberLag = await hub.worstLag
        snapshot.eventsDelivered = await hub.delivered
        snapshot.subscribersCutOff = await hub.cutOff
        snapshot.notifications = await hub.notifications
        snapshot.lastEventID = await hub.lastDeliveredID
        // A scrape must answer while the database is down: the queue is then reported as -1.
        snapshot.outboxQueued = (try? await (req.db as! any SQLDatabase)
            .raw("SELECT COUNT(*) AS n FROM \"outbox_messages\" WHERE \"sent_at\" IS NULL").first()?.decode(column: "n", as: Int.self)) ?? -1
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: app.metrics.exposition(snapshot)))
    }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = KertaMetrics }

    /// Made in `configure`, before any request.
    package var metrics: KertaMetrics {
        if let metrics = storage[MetricsKey.self] { return metrics }
        let metrics = KertaMetrics()
        storage[MetricsKey.self] = metrics
        return metrics
    }
}
