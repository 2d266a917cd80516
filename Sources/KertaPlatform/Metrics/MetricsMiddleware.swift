import Vapor

/// Counts every answer and its latency by route pattern. First in the chain, so the 503s of a full or
/// stopping server are counted too.
package struct MetricsMiddleware: AsyncMiddleware {
    package let metrics: KertaMetrics

    package init(metrics: KertaMetrics) {
        self.metrics = metrics
    }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next.respond(to: request)
            record(request, status: response.status.code, since: start)
            return response
        } catch {
            record(request, status: (error as? any AbortError)?.status.code ?? 500, since: start)
            throw error
        }
    }

    private func record(_ request: Request, status: UInt, since start: ContinuousClock.Instant) {
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        metrics.requestFinished(method: request.method.rawValue, route: route, status: status, duration: ContinuousClock.now - start)
    }
}
