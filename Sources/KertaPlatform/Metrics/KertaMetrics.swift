import Foundation
import NIOConcurrencyHelpers
import Prometheus

/// What a city's monitoring scrapes from `/metrics`, in Prometheus's text format: requests and their
/// latency per route, requests in flight, live subscribers and how far behind the slowest is, job runs,
/// the outbox queue. One registry per application, so test applications do not share counts.
package final class KertaMetrics: Sendable {
    package let registry = PrometheusCollectorRegistry()
    /// The running totals the hub keeps, as last reported, so its counters advance by the difference.
    private let reported = NIOLockedValueBox([String: Int]())

    /// Up to 10 s: a request slower than that has failed for the person waiting on it anyway.
    private static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// `route` is the route's pattern (`GET /api/v1/complaints/:ticket`), never the raw path, so the label's
    /// values stay few however many tickets there are.
    package func requestFinished(method: String, route: String, status: UInt, duration: Duration) {
        registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status))])
            .increment()
        registry.makeDurationHistogram(descriptor: Self.latency, labels: [("method", method), ("route", route)], buckets: Self.latencyBuckets)
            .record(duration)
    }

    package func jobRan(_ job: String, succeeded: Bool) {
        registry.makeCounter(descriptor: Self.jobRuns, labels: [("job", job), ("outcome", succeeded ? "ok" : "failed")]).increment()
    }

    /// Values read at scrape time.
    package struct Snapshot: Sendable {
        package var requestsInFlight = 0
        package var databaseConnectionsMax = 0
        package var subscribers = 0
        package var subscriberLag = 0
        package var eventsDelivered = 0
        package var subscribersCutOff = 0
        package var notifications = 0
        package var lastEventID: Int64 = 0
        package var outboxQueued = 0
    }

    package func exposition(_ snapshot: Snapshot) -> String {
        func set(_ descriptor: MetricNameDescriptor, _ value: Double) {
            registry.makeGauge(descriptor: descriptor).set(to: value)
        }
        set(Self.inFlight, Double(snapshot.requestsInFlight))
        set(Self.poolMax, Double(snapshot.databaseConnectionsMax))
        set(Self.subscribers, Double(snapshot.subscribers))
        set(Self.lag, Double(snapshot.subscriberLag))
        advance(Self.delivered, to: snapshot.eventsDelivered)
        advance(Self.cutOff, to: snapshot.subscribersCutOff)
        advance(Self.notifications, to: snapshot.notifications)
        set(Self.lastEvent, Double(snapshot.lastEventID))
        set(Self.outbox, Double(snapshot.outboxQueued))
        return registry.emitToString()
    }

    /// A counter kept elsewhere as a running total: it only ever grows, so Prometheus's rate() works on it.
    private func advance(_ descriptor: MetricNameDescriptor, to total: Int) {
        let step = reported.withLockedValue { last -> Int in
            let step = max(0, total - (last[descriptor.name] ?? 0))
            last[descriptor.name] = max(total, last[descriptor.name] ?? 0)
            return step
        }
        registry.makeCounter(descriptor: descriptor).increment(by: Int64(step))
    }

    /// Made on use: the library's descriptor is not Sendable, so it cannot be a stored constant.
    private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "kerta", metricName: metric, unitName: unit, helpText: help)
    }

    private static var requests: MetricNameDescriptor { name("http_requests", "total", "HTTP requests answered, by method, route pattern and status.") }
    private static var latency: MetricNameDescriptor { name("http_request_duration", "seconds", "Time to answer (to the response head), by route pattern.") }
    private static var jobRuns: MetricNameDescriptor { name("job_runs", "total", "Background job passes, by job and outcome.") }
    private static var inFlight: MetricNameDescriptor { name("http_requests_in_flight", "count", "Requests this process is serving now.") }
    private static var poolMax: MetricNameDescriptor { name("database_connections_max", "count", "Database connections this process may open.") }
    private static var subscribers: MetricNameDescriptor { name("event_subscribers", "count", "Live event subscribers connected to this process.") }
    private static var lag: MetricNameDescriptor { name("event_subscriber_lag", "events", "Events waiting in the fullest subscriber buffer at the last delivery.") }
    private static var delivered: MetricNameDescriptor { name("events_delivered", "total", "Events handed to subscribers by this process.") }
    private static var cutOff: MetricNameDescriptor { name("event_subscribers_cut_off", "total", "Subscribers disconnected with a resync for falling behind.") }
    private static var notifications: MetricNameDescriptor { name("event_notifications", "total", "NOTIFY wake-ups heard from PostgreSQL.") }
    private static var lastEvent: MetricNameDescriptor { name("event_last_delivered", "id", "The id of the last event this process delivered.") }
    private static var outbox: MetricNameDescriptor { name("outbox_queued", "messages", "Notifications waiting to be sent.") }
}
