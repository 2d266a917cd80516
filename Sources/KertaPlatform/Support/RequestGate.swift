import NIOConcurrencyHelpers
import Vapor

/// Admission control at the door: at most `limit` requests are served at once by this process, and
/// none once it is stopping.
///
/// When more arrive than the machine can serve, answering 503 with `Retry-After` at once keeps the
/// requests already admitted fast and tells clients (phones retrying drafts, Open311 partners) when to
/// come back; queueing them instead makes every answer time out together. Counting what is in flight is
/// also what lets a stopping server wait for exactly those requests before it closes the database.
package final class RequestGate: AsyncMiddleware, Sendable {
    private struct State {
        package var inFlight = 0
        package var draining = false
    }

    private enum Admission { case admitted, overloaded, draining }

    private let state = NIOLockedValueBox(State())
    package let limit: Int
    /// Seconds a shed client is asked to wait; short, as overload passes in seconds.
    package let retryAfter: Int

    package init(limit: Int, retryAfter: Int = 2) {
        self.limit = limit
        self.retryAfter = retryAfter
    }

    package var inFlight: Int { state.withLockedValue { $0.inFlight } }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // The liveness probe must answer even when the server is full or stopping, or a busy server gets restarted.
        if request.url.path == HealthController.livePath { return try await next.respond(to: request) }
        let admission: Admission = state.withLockedValue { state in
            if state.draining { return .draining }
            guard state.inFlight < limit else { return .overloaded }
            state.inFlight += 1
            return .admitted
        }
        switch admission {
        case .admitted:
            defer { state.withLockedValue { $0.inFlight -= 1 } }
            return try await next.respond(to: request)
        case .overloaded:
            request.logger.debug("shed: \(limit) requests already in flight")
            return KertaErrorMiddleware.response(for: APIError.overloaded(retryAfter: retryAfter), request: request)
        case .draining:
            let response = KertaErrorMiddleware.response(for: APIError.stopping(retryAfter: retryAfter), request: request)
            response.headers.replaceOrAdd(name: .connection, value: "close")
            return response
        }
    }

    /// Refuses new requests from now on.
    package func beginDraining() {
        state.withLockedValue { $0.draining = true }
    }

    /// Waits until no admitted request is left, or until `deadline`; true when none is left.
    package func waitUntilIdle(before deadline: ContinuousClock.Instant) async -> Bool {
        while inFlight > 0 {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}

extension APIError {
    package static func overloaded(retryAfter: Int) -> APIError {
        var error = APIError(.serviceUnavailable, code: "overloaded",
                             id: "Server sedang penuh; coba lagi sebentar lagi.", en: "The server is busy; please try again shortly.")
        error.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfter))
        return error
    }

    package static func stopping(retryAfter: Int) -> APIError {
        var error = APIError(.serviceUnavailable, code: "stopping",
                             id: "Server sedang dimulai ulang; coba lagi sebentar lagi.", en: "The server is restarting; please try again shortly.")
        error.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfter))
        return error
    }

    package static let databaseUnavailableCode = "database_unavailable"

    package static func databaseUnavailable(retryAfter: Int) -> APIError {
        var error = APIError(.serviceUnavailable, code: databaseUnavailableCode,
                             id: "Basis data sedang tidak dapat dijangkau; coba lagi sebentar lagi. Tidak ada yang tersimpan dari permintaan ini.",
                             en: "The database cannot be reached right now; please try again shortly. Nothing of this request was saved.")
        error.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfter))
        return error
    }
}
