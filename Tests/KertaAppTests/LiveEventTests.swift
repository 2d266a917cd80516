import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import KertaCore
import NIOCore
import NIOPosix
import SQLKit
import Testing
import Vapor
import WebSocketKit

/// The live stream over real sockets on loopback, as the operators' screens and the public map use it.
/// Servers share one database as a city's do; on PostgreSQL they hear each other by LISTEN/NOTIFY.
@Suite(.serialized) struct LiveEventTests {
    struct Event: Decodable {
        let id: Int64
        let type: String
        let subject: EventView.Subject?
    }

    static func decode(_ frame: SSEFrame) throws -> Event {
        try JSONDecoder().decode(Event.self, from: Data(frame.data.utf8))
    }

    @Test func aSubscriberOnOneServerReceivesWhatAnotherServerCommitted() async throws {
        try await withLiveServers { servers in
            let a = try await servers.start()
            let b = try await servers.start()
            let stream = try await SSEClient(port: a.boundPort)
            let socket = try await SocketClient(port: b.boundPort, on: b.eventLoopGroup)
            try await socket.send(#"{"type":"subscribe","layers":["complaints"],"bbox":"115.255,-8.69,115.27,-8.67"}"#)
            let greeting = await socket.received.wait(for: 1)
            #expect(field(greeting.first, "type") == "subscribed", "\(greeting)")

            // Committed through B (its own in-process requests), received on A's stream.
            let puputan = try #require(try await Client(app: b).report()).ticket
            let sanur = try #require(try await Client(app: b).report(at: Place.sanur)).ticket
            let frames = await stream.received.wait(for: 2)
            #expect(try frames.map { try Self.decode($0).subject?.ref } == [puputan, sanur])
            // B's socket asked for Sanur's box only.
            let messages = await socket.received.wait(for: 2)
            let socketTickets = messages.filter { field($0, "type") == "event" }.compactMap { field($0, "event", "subject", "ref") }
            #expect(socketTickets == [sanur])
            if TestDatabase.isPostgres {
                // A heard B's commits by NOTIFY, not only by its poll.
                #expect(await a.eventHub.notifications >= 2)
            }
            stream.close()
            try await socket.close()
        }
    }

    @Test func reconnectingWithLastEventIDAfterARestartMissesNothingAndRepeatsNothing() async throws {
        try await withLiveServers { servers in
            var server = try await servers.start()
            let first = try await SSEClient(port: server.boundPort)
            let socket = try await SocketClient(port: server.boundPort, on: server.eventLoopGroup)
            try await socket.send(#"{"type":"subscribe"}"#)
            #expect(field(await socket.received.wait(for: 1).first, "type") == "subscribed")
            var tickets: [String] = []
            for _ in 0..<3 { tickets.append(try #require(try await Client(app: server).report()).ticket) }
            let before = await first.received.wait(for: 3)
            #expect(try before.map { try Self.decode($0).subject?.ref } == tickets)
            let lastSeen = try #require(before.last?.id)

            // The server stops: its stream ends (the client would reconnect elsewhere) …
            try await servers.stop(server)
            #expect(await first.received.waitUntilEnded())
            #expect(await socket.received.waitUntilEnded(), "the WebSocket is closed too")
            // … and while it is down, another process goes on filing complaints.
            let other = try await servers.start(serve: false)
            for _ in 0..<2 { tickets.append(try #require(try await Client(app: other).report()).ticket) }
            try await servers.stop(other)

            // Back up, the client resumes from the last id it saw: the two it missed, then live ones, each once.
            server = try await servers.start()
            let again = try await SSEClient(port: server.boundPort, lastEventID: lastSeen)
            #expect(try await again.received.wait(for: 2).map { try Self.decode($0).subject?.ref } == Array(tickets[3...4]))
            tickets.append(try #require(try await Client(app: server).report()).ticket)
            let after = await again.received.wait(for: 3)
            #expect(try after.map { try Self.decode($0).subject?.ref } == Array(tickets[3...5]))
            let ids = after.compactMap(\.id)
            #expect(ids.count == 3 && zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 } && ids[0] > lastSeen)
            again.close()
        }
    }

    /// A subscriber that stops reading keeps what its buffer holds, then is told to resync from its last id
    /// and let go; the hub holds no more than the buffer for it, and the resync id loses nothing.
    @Test func aStalledSubscriberIsCutOffWithAResyncWhileTheHubStaysBounded() async throws {
        try await withKerta(demo: true, adjust: { $0.eventBuffer = 8 }) { app in
            let feed = app.eventFeed()
            let gate = Gate()
            let outputs = Received<EventFeed.Output>()
            let reader = Task {
                try await feed.run(since: nil, filter: EventFilter(viewer: .visitor)) { output in
                    await outputs.add(output)
                    await gate.wait()
                }
            }
            try await waitFor { await app.eventHub.subscriberCount == 1 }
            var tickets: [String] = []
            for _ in 0..<20 { tickets.append(try #require(try await Client(app: app).report()).ticket) }
            // The stalled one was cut off: the hub no longer holds anything for it.
            try await waitFor { await app.eventHub.subscriberCount == 0 }
            #expect(await app.eventHub.cutOff == 1)
            await gate.open()
            _ = try await reader.value
            let received = await outputs.items
            let events = received.compactMap { if case .event(let e) = $0 { e } else { nil } }
            // The one being sent when it stalled, and the buffer's eight.
            #expect(events.count == 9)
            guard case .resync(let last) = received.last else { Issue.record("no resync: \(received)"); return }
            #expect(last == events.last?.id)

            // Resuming from the resync id brings exactly the rest.
            let rest = try await EventStore(db: app.db as! any SQLDatabase).after(last, filter: EventFilter(viewer: .visitor), limit: 100)
            #expect((events + rest).map(\.id).count == 20)
            #expect(Set((events + rest).map(\.id)).count == 20)
        }
    }

    @Test func aWebSocketSubscribesAndUnsubscribesByLayerAndNamesBadFields() async throws {
        try await withLiveServers { servers in
            let server = try await servers.start()
            let own = try await SocketClient(port: server.boundPort, on: server.eventLoopGroup,
                                             headers: ["Origin": server.kertaConfiguration.publicURL])
            try await own.close()
            let socket = try await SocketClient(port: server.boundPort, on: server.eventLoopGroup)
            try await socket.send(#"{"type":"subscribe","bbox":"1,2,3"}"#)
            try await socket.send(#"{"type":"subscribe","layers":"ufo"}"#)
            try await socket.send(#"{"type":"dance"}"#)
            let errors = await socket.received.wait(for: 3)
            #expect(errors.map { field($0, "field") } == ["bbox", "layers", "type"])

            try await socket.send(#"{"type":"subscribe","layers":["complaints"]}"#)
            #expect(field(await socket.received.wait(for: 4).last, "type") == "subscribed")
            let ticket = try #require(try await Client(app: server).report()).ticket
            let withEvent = await socket.received.wait(for: 5)
            #expect(field(withEvent.last, "event", "subject", "ref") == ticket)

            try await socket.send(#"{"type":"unsubscribe"}"#)
            #expect(field(await socket.received.wait(for: 6).last, "type") == "unsubscribed")
            _ = try #require(try await Client(app: server).report())
            try await Task.sleep(for: .milliseconds(1500))
            #expect(await socket.received.items.count == 6, "no event after unsubscribing")
            try await socket.close()
        }
    }
}

/// Holds a sender until the test lets it go.
actor Gate {
    private var isOpen = false
    func open() { isOpen = true }
    func wait() async {
        while !isOpen { try? await Task.sleep(for: .milliseconds(10)) }
    }
}

func waitFor(seconds: Double = 10, _ condition: @Sendable () async -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while !(await condition()) {
        guard Date() < deadline else {
            Issue.record("condition not met within \(seconds) s", sourceLocation: sourceLocation)
            return
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// A WebSocket client on loopback, collecting the text messages it receives.
final class SocketClient: @unchecked Sendable {
    let received = Received<String>()
    private var socket: WebSocket?

    init(port: Int, on group: any EventLoopGroup, headers: HTTPHeaders = [:]) async throws {
        let received = self.received
        let ready = group.any().makePromise(of: WebSocket.self)
        WebSocket.connect(to: "ws://127.0.0.1:\(port)/api/v1/events/ws", headers: headers, on: group) { ws in
            // Kept in the order they came: the async callback would run each message in a task of its own.
            let (messages, continuation) = AsyncStream.makeStream(of: String.self)
            ws.onText { _, text in continuation.yield(text) }
            ws.onClose.whenComplete { _ in continuation.finish() }
            Task {
                for await text in messages { await received.add(text) }
                await received.end()
            }
            ready.succeed(ws)
        }.cascadeFailure(to: ready)
        socket = try await ready.futureResult.get()
    }

    func send(_ text: String) async throws { try await socket?.send(text) }
    func close() async throws { try await socket?.close() }
}

/// A message's field by its path (`"event", "subject", "ref"`).
func field(_ text: String?, _ path: String...) -> String? {
    guard let text, var value = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else { return nil }
    for key in path {
        guard let object = value as? [String: Any], let next = object[key] else { return nil }
        value = next
    }
    return value as? String
}
