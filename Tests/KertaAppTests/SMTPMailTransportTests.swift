import Foundation
@testable import KertaApp
import NIOCore
import NIOPosix
import Testing

/// A one-connection SMTP server on loopback that records what it is sent, and can refuse recipients.
private actor FakeSMTPServer {
    private(set) var commands: [String] = []
    private(set) var data = ""
    let refuseRecipients: Bool

    init(refuseRecipients: Bool) { self.refuseRecipients = refuseRecipients }

    func record(_ line: String) { commands.append(line) }
    func record(data text: String) { data = text }

    /// Serves one session and returns the port it listens on.
    static func start(_ server: FakeSMTPServer, group: any EventLoopGroup) async throws -> (port: Int, done: Task<Void, any Error>) {
        let channel = try await ServerBootstrap(group: group)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child) }
            }
        let port = channel.channel.localAddress!.port!
        let done = Task {
            try await channel.executeThenClose { inbound in
                for try await connection in inbound {
                    try await connection.executeThenClose { input, output in
                        try await output.write(ByteBuffer(string: "220 fake ESMTP\r\n"))
                        var pending = ""
                        var inData = false
                        var message = ""
                        for try await var chunk in input {
                            pending += chunk.readString(length: chunk.readableBytes) ?? ""
                            while let range = pending.range(of: "\r\n") {
                                let line = String(pending[..<range.lowerBound])
                                pending.removeSubrange(..<range.upperBound)
                                if inData {
                                    if line == "." {
                                        inData = false
                                        await server.record(data: message)
                                        try await output.write(ByteBuffer(string: "250 queued\r\n"))
                                    } else { message += line + "\n" }
                                    continue
                                }
                                await server.record(line)
                                let reply: String
                                switch line.prefix(4).uppercased() {
                                case "EHLO": reply = "250-fake\r\n250 AUTH PLAIN"
                                case "AUTH": reply = "235 ok"
                                case "MAIL": reply = "250 ok"
                                case "RCPT": reply = server.refuseRecipients ? "550 no such user" : "250 ok"
                                case "DATA": inData = true; reply = "354 go on"
                                case "QUIT": reply = "221 bye"
                                default: reply = "502 unknown"
                                }
                                try await output.write(ByteBuffer(string: reply + "\r\n"))
                                if line.uppercased() == "QUIT" { return }
                            }
                        }
                    }
                    return
                }
            }
        }
        return (port, done)
    }
}

@Suite struct SMTPMailTransportTests {
    let message = MailMessage(from: "Kerta <kerta@denpasarkota.go.id>", to: "warga@example.id",
                              subject: "[PRO-2026-000001] Diteruskan ke OPD", body: "Baris pertama\n.baris dengan titik")

    @Test func deliversAMessageWithAuthAndDotStuffing() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let server = FakeSMTPServer(refuseRecipients: false)
        let (port, done) = try await FakeSMTPServer.start(server, group: group)
        let transport = try #require(SMTPMailTransport(url: "smtp://kerta:rahasia@127.0.0.1:\(port)", group: group))
        try await transport.send(message)
        _ = try await done.value
        let commands = await server.commands
        #expect(commands.first == "EHLO kerta")
        #expect(commands.contains("AUTH PLAIN " + Data("\0kerta\0rahasia".utf8).base64EncodedString()))
        #expect(commands.contains("MAIL FROM:<kerta@denpasarkota.go.id>"))
        #expect(commands.contains("RCPT TO:<warga@example.id>"))
        let data = await server.data
        #expect(data.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(data.contains("Baris pertama\n..baris dengan titik"))
    }

    @Test func aRefusedRecipientIsAnErrorSoTheOutboxRetries() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let server = FakeSMTPServer(refuseRecipients: true)
        let (port, done) = try await FakeSMTPServer.start(server, group: group)
        let transport = try #require(SMTPMailTransport(url: "smtp://127.0.0.1:\(port)", group: group))
        await #expect(throws: SMTPMailTransport.Failure.self) { try await transport.send(message) }
        done.cancel()
    }
}
