import Foundation
import KertaCore
import NIOCore
import SQLKit
import Vapor

/// The live event log: `GET /api/v1/events` (catch-up, paged), `GET /api/v1/events/stream` (Server-Sent
/// Events, honouring `Last-Event-ID`), and `/api/v1/events/ws` (a WebSocket with subscribe and unsubscribe
/// messages). Each caller sees only what its role may see (``EventAudience``).
package struct EventController: RouteCollection {
    package init() {}

    package static let maximumPage = 1000

    package func boot(routes: any RoutesBuilder) throws {
        let events = routes.grouped("events")
        events.get(use: list)
        events.get("stream", use: stream)
        events.webSocket("ws", maxFrameSize: .init(integerLiteral: 1 << 14), shouldUpgrade: { req in
            // Browsers let any page open a WebSocket with the user's cookies: only Kerta's own pages may.
            req.eventLoop.makeSucceededFuture(Self.isOwnOrigin(req) ? [:] : nil)
        }, onUpgrade: { req, ws in
            let viewer = req.eventViewer
            EventSocketSession(socket: ws, viewer: viewer, feed: req.application.eventFeed(),
                               lifetime: viewer.role == nil ? nil : EventFeed.signedInLifetime, logger: req.logger).attach()
        })
    }

    /// No `Origin` (a program, not a browser), or the origin of `KERTA_PUBLIC_URL`.
    package static func isOwnOrigin(_ req: Request) -> Bool {
        guard let origin = req.headers.first(name: .origin) else { return true }
        guard let own = URLComponents(string: req.application.kertaConfiguration.publicURL), let scheme = own.scheme, let host = own.host
        else { return false }
        let expected = "\(scheme)://\(host)" + (own.port.map { ":\($0)" } ?? "")
        return origin.lowercased() == expected.lowercased()
    }

    /// A page of events after `since` (0 when absent): `{"events": […], "last_id": N, "more": bool}`. A client
    /// pages with `since=last_id` while `more` holds, then streams from there.
    @Sendable package func list(req: Request) async throws -> Response {
        let query = try EventRequest(req: req)
        var problems = ProblemList()
        var limit = 100
        if let raw = req.queryText("limit") {
            if let n = Int(raw), (1...Self.maximumPage).contains(n) {
                limit = n
            } else {
                problems.add("limit", id: "limit harus 1 sampai \(Self.maximumPage)", en: "limit must be from 1 to \(Self.maximumPage)")
            }
        }
        try EventRequest.check(problems)
        let store = EventStore(db: req.db as! any SQLDatabase)
        let since = query.since ?? 0
        let page = try await store.after(since, filter: query.filter(for: req.eventViewer), limit: limit + 1)
        let shown = page.prefix(limit)
        let last = shown.last?.id ?? since
        var body = "{\"events\":["
        body += shown.map(\.json).joined(separator: ",")
        body += "],\"last_id\":\(last),\"more\":\(page.count > limit)}"
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }

    /// `text/event-stream`: `id:` and `data:` per event, a comment line as heartbeat, and `event: resync` with
    /// the last id before the server closes a subscriber that fell behind (EventSource then reconnects from it).
    @Sendable package func stream(req: Request) async throws -> Response {
        let query = try EventRequest(req: req, lastEventIDHeader: true)
        let viewer = req.eventViewer
        let filter = query.filter(for: viewer)
        let lifetime = viewer.role == nil ? nil : EventFeed.signedInLifetime
        let feed = req.application.eventFeed()
        let logger = req.logger
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/event-stream; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        // nginx would otherwise hold the stream back in its buffer.
        headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")
        let response = Response(status: .ok, headers: headers)
        // Compression would hold events back until a block fills.
        response.headers.responseCompression = .disable
        response.body = .init(asyncStream: { writer in
            do {
                try await writer.write(.buffer(ByteBuffer(string: "retry: 3000\n\n")))
                try await feed.run(since: query.since, filter: filter, lifetime: lifetime) { output in
                    try await writer.write(.buffer(Self.frame(output)))
                }
                try await writer.write(.end)
            } catch {
                logger.debug("event stream ended: \(String(reflecting: error))")
                try? await writer.write(.end)
            }
        })
        return response
    }

    package static func frame(_ output: EventFeed.Output) -> ByteBuffer {
        switch output {
        case .event(let event): event.streamFrame
        case .heartbeat: ByteBuffer(string: ": heartbeat\n\n")
        case .resync(let last): ByteBuffer(string: "event: resync\ndata: {\"last_id\":\(last)}\n\n")
        }
    }
}
