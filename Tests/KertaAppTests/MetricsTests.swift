import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import KertaCore
import Testing
import Vapor
import VaporTesting

/// `/metrics` as a city's Prometheus scrapes it.
@Suite struct MetricsTests {
    @Test func metricsCountRequestsByRoutePatternAndReportTheLiveStream() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let ticket = try #require(try await client.report()).ticket
            _ = try await client.show(ticket)
            _ = try await client.show("PRO-2026-999999", expect: .notFound)
            let subscription = try await app.eventHub.subscribe(EventFilter(viewer: .visitor))
            await BackgroundJobs.runOnce(app)

            try await app.testing().test(.GET, "metrics") { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description.hasPrefix("text/plain") == true)
                let text = res.body.string
                // By the route's pattern, never the ticket: the label's values stay few.
                #expect(text.contains(#"kerta_http_requests_total{method="GET",route="/api/v1/complaints/:ticket",status="200"} 1"#), "\(text)")
                #expect(text.contains(#"kerta_http_requests_total{method="GET",route="/api/v1/complaints/:ticket",status="404"} 1"#))
                #expect(text.contains(#"kerta_http_requests_total{method="POST",route="/api/v1/complaints",status="201"} 1"#))
                #expect(!text.contains(ticket))
                #expect(text.contains("kerta_http_request_duration_seconds_bucket"))
                #expect(text.contains("kerta_event_subscribers_count 1"))
                #expect(text.contains("# TYPE kerta_events_delivered_total counter"))
                #expect(text.contains(#"kerta_job_runs_total{job="deadlines",outcome="ok"} 1"#))
                // The submission's message to the reporter was sent by the job pass (the log transport).
                #expect(text.contains("kerta_outbox_queued_messages 0"))
            }
            await app.eventHub.unsubscribe(subscription.id)
        }
    }
}
