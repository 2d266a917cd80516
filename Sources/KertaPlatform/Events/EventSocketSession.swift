import Foundation
import NIOConcurrencyHelpers
import KertaCore
import Vapor
import NIOWebSocket
import WebSocketKit

/// One WebSocket on `/api/v1/events/ws`. The client sends
/// `{"type":"subscribe","layers":["complaints"],"bbox":"minLon,minLat,maxLon,maxLat","since":120}` (every
/// field optional: no layers means all, no `since` means from now) and `{"type":"unsubscribe","layers":[…]}`
/// (none named: all). Kerta answers `subscribed`, then `event` messages, `heartbeat`s, `error`s naming the
/// field, and `resync` with the last id before it closes a socket that fell behind (code 4008).
///
/// A change of subscription restarts the feed from the last id sent, so nothing is missed or repeated.
package actor EventSocketSession {
    package struct ClientMessage: Decodable {
        package let type: String
        package let layers: LayerList?
        package let bbox: String?
        package let since: Int64?
    }

    /// `"a,b"` or `["a","b"]`.
    package struct LayerList: Decodable {
        package let text: String
        package init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let list = try? container.decode([String].self) {
                text = list.joined(separator: ",")
            } else {
                text = try container.decode(String.self)
            }
        }
    }

    package static let resyncCloseCode = WebSocketErrorCode.unknown(4008)

    package let socket: WebSocket
    package let viewer: EventViewer
    package let feed: EventFeed
    package let logger: Logger
    /// A signed-in viewer's socket is closed after this (``EventFeed/signedInLifetime``), to sign in again.
    package let lifetime: Duration?
    private var layers = Set<EventLayer>()
    private var box: BoundingBox?
    /// The last id sent, written by the feed's task as it sends (a lock, not a hop onto this actor per event);
    /// a restart waits for the old task to end before it reads it.
    private let sentUpTo = NIOLockedValueBox<Int64?>(nil)
    private var lastSent: Int64? {
        get { sentUpTo.withLockedValue { $0 } }
        set { sentUpTo.withLockedValue { $0 = newValue } }
    }
    private var task: Task<Void, Never>?

    package init(socket: WebSocket, viewer: EventViewer, feed: EventFeed, lifetime: Duration? = nil, logger: Logger) {
        self.socket = socket
        self.viewer = viewer
        self.feed = feed
        self.lifetime = lifetime
        self.logger = logger
    }

    /// Called on the socket's event loop as it opens, so no message can arrive before the handler; messages
    /// are handled one after another, in the order they came (a client's subscribe, then its unsubscribe).
    package nonisolated func attach() {
        let (messages, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(32))
        socket.onText { _, text in continuation.yield(text) }
        socket.onClose.whenComplete { _ in continuation.finish() }
        // A half-open connection (a phone gone out of coverage) is noticed by its unanswered pings.
        socket.pingInterval = .seconds(30)
        Task {
            for await text in messages { await self.handle(text) }
            await self.stop()
        }
    }

    package func handle(_ text: String) async {
        guard let message = try? JSONDecoder().decode(ClientMessage.self, from: Data(text.utf8)) else {
            await reply(["type": "error", "field": "type", "message": "expected {\"type\":\"subscribe\"|\"unsubscribe\", …}"])
            return
        }
        var request = EventRequest(since: nil, layers: [], box: nil)
        var problems = ProblemList()
        do {
            try EventRequest.parseFilters(layers: message.layers?.text, bbox: message.bbox, into: &request, problems: &problems)
        } catch {}
        if let first = problems.problems.first {
            await reply(["type": "error", "field": .text(first.field), "message": .text(first.text.en), "message_id": .text(first.text.id)])
            return
        }
        guard message.type == "subscribe" || message.type == "unsubscribe" else {
            await reply(["type": "error", "field": "type", "message": "type must be subscribe or unsubscribe"])
            return
        }
        let named = request.layers.isEmpty ? Set(EventLayer.allCases) : request.layers
        // The old feed stops first: nothing of the old subscription follows the answer, and it can no longer
        // move the last id sent, which a `since` may set now.
        await stopFeed()
        if message.type == "subscribe" {
            if let since = message.since, since >= 0 { lastSent = since }
            if lastSent == nil {
                guard let latest = try? await feed.store.latestID() else {
                    await reply(["type": "error", "field": "since", "message": "the event log cannot be read now; subscribe again"])
                    return
                }
                lastSent = latest
            }
            layers.formUnion(named)
            if let box = request.box { self.box = box }
        } else {
            layers.subtract(named)
        }
        // The answer goes first, then the events it opens: a client never sees an event before its acknowledgement.
        let boxText = box.map { "\($0.minLongitude),\($0.minLatitude),\($0.maxLongitude),\($0.maxLatitude)" } ?? ""
        await reply(["type": .text(message.type == "subscribe" ? "subscribed" : "unsubscribed"),
                     "layers": .text(layers.map(\.rawValue).sorted().joined(separator: ",")),
                     "bbox": .text(boxText), "last_id": .number(Double(lastSent ?? 0))])
        startFeed()
    }

    private func stopFeed() async {
        let old = task
        old?.cancel()
        await old?.value
        task = nil
    }

    private func startFeed() {
        guard !layers.isEmpty else { return }
        let filter = EventFilter(viewer: viewer, layers: layers, box: box)
        let since = lastSent
        let socket = socket
        let feed = feed
        let lifetime = lifetime
        let sentUpTo = sentUpTo
        task = Task { [self] in
            do {
                try await feed.run(since: since, filter: filter, lifetime: lifetime) { output in
                    switch output {
                    case .event(let event):
                        try await socket.send(event.socketMessage)
                        sentUpTo.withLockedValue { $0 = event.id }
                    case .heartbeat:
                        try await socket.send("{\"type\":\"heartbeat\"}")
                    case .resync(let last):
                        try await socket.send("{\"type\":\"resync\",\"last_id\":\(last)}")
                        try await socket.close(code: Self.resyncCloseCode)
                    }
                }
                // The hub ended the feed without a resync: the server is stopping, and the client resumes elsewhere.
                if !Task.isCancelled && !socket.isClosed { try await socket.close(code: .goingAway) }
            } catch {
                self.logger.debug("event socket feed ended: \(String(reflecting: error))")
            }
        }
    }

    private func reply(_ fields: [String: EventValue]) async {
        guard let data = try? JSONEncoder.sortedKeys.encode(fields) else { return }
        try? await socket.send(String(decoding: data, as: UTF8.self))
    }

    package func stop() {
        task?.cancel()
        task = nil
    }
}
