import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import NIOCore
import NIOPosix
import NIOSSL
import Testing

/// A one-connection SMTP server on loopback that records what it is sent, and can refuse recipients.
private actor FakeSMTPServer {
    private(set) var commands: [String] = []
    private(set) var data = ""
    /// Commands received after the connection switched to TLS.
    private(set) var commandsInsideTLS: [String] = []
    let refuseRecipients: Bool
    /// When set, the server offers STARTTLS with this certificate.
    nonisolated let tls: NIOSSLContext?

    init(refuseRecipients: Bool, tls: NIOSSLContext? = nil) {
        self.refuseRecipients = refuseRecipients
        self.tls = tls
    }

    func record(_ line: String, secured: Bool) {
        commands.append(line)
        if secured { commandsInsideTLS.append(line) }
    }
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
                        var secured = false
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
                                await server.record(line, secured: secured)
                                if line.uppercased() == "STARTTLS", let tls = server.tls, !secured {
                                    // The go-ahead leaves in clear, then TLS sits first in the pipeline.
                                    let channel = connection.channel
                                    try await channel.writeAndFlush(ByteBuffer(string: "220 go ahead\r\n")).flatMapThrowing {
                                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
                                    }.get()
                                    secured = true
                                    continue
                                }
                                let reply: String
                                switch line.prefix(4).uppercased() {
                                case "EHLO": reply = server.tls != nil && !secured ? "250-fake\r\n250-STARTTLS\r\n250 AUTH PLAIN" : "250-fake\r\n250 AUTH PLAIN"
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

    @Test func upgradesWithStartTLSBeforeSendingThePassword() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let (server, certificate) = try TestCertificate.server()
        let (port, done) = try await FakeSMTPServer.start(server, group: group)
        var transport = try #require(SMTPMailTransport(url: "smtp://kerta:rahasia@localhost:\(port)", group: group))
        transport.tlsConfiguration.trustRoots = .certificates([certificate])
        try await transport.send(message)
        _ = try await done.value
        let commands = await server.commands
        let insideTLS = await server.commandsInsideTLS
        #expect(commands.prefix(2) == ["EHLO kerta", "STARTTLS"])
        #expect(insideTLS.first == "EHLO kerta")
        #expect(insideTLS.contains("AUTH PLAIN " + Data("\0kerta\0rahasia".utf8).base64EncodedString()))
        #expect(insideTLS.contains("RCPT TO:<warga@example.id>"))
        #expect(await server.data.contains("Baris pertama"))
    }

    @Test func anUntrustedCertificateStopsDelivery() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let (server, _) = try TestCertificate.server()
        let (port, done) = try await FakeSMTPServer.start(server, group: group)
        // The system's roots do not know the test certificate: no password may be sent.
        let transport = try #require(SMTPMailTransport(url: "smtp://kerta:rahasia@localhost:\(port)", group: group))
        await #expect(throws: (any Error).self) { try await transport.send(message) }
        done.cancel()
        #expect(await server.commandsInsideTLS.isEmpty)
        #expect(await !server.commands.contains { $0.hasPrefix("AUTH") })
    }

    @Test func requiredStartTLSRefusesAServerWithoutIt() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let server = FakeSMTPServer(refuseRecipients: false)
        let (port, done) = try await FakeSMTPServer.start(server, group: group)
        let transport = try #require(SMTPMailTransport(url: "smtp://kerta:rahasia@127.0.0.1:\(port)?tls=starttls", group: group))
        await #expect(throws: SMTPMailTransport.Failure.self) { try await transport.send(message) }
        done.cancel()
        #expect(await !server.commands.contains { $0.hasPrefix("AUTH") })
    }

    @Test func readsTheSecurityFromTheURL() throws {
        let group = MultiThreadedEventLoopGroup.singleton
        #expect(SMTPMailTransport(url: "smtp://relay.denpasarkota.go.id:587", group: group)?.security == .auto)
        #expect(SMTPMailTransport(url: "smtp://relay.denpasarkota.go.id:587?tls=starttls", group: group)?.security == .starttls)
        #expect(SMTPMailTransport(url: "smtp://10.1.2.3?tls=none", group: group)?.security == SMTPMailTransport.Security.none)
        let implicit = SMTPMailTransport(url: "smtps://u:p@smtp.example.id", group: group)
        #expect(implicit?.security == .implicit)
        #expect(implicit?.port == 465)
        #expect(SMTPMailTransport(url: "smtp://relay?tls=bogus", group: group) == nil)
    }
}

/// A self-signed certificate for `localhost` and 127.0.0.1 (valid until 2126), made for these tests only.
private enum TestCertificate {
    /// A fake server offering STARTTLS with this certificate, and the certificate for a client to trust.
    static func server() throws -> (FakeSMTPServer, NIOSSLCertificate) {
        let certificate = try NIOSSLCertificate(bytes: Array(pem.utf8), format: .pem)
        let privateKey = try NIOSSLPrivateKey(bytes: Array(key.utf8), format: .pem)
        let tls = try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: [.certificate(certificate)], privateKey: .privateKey(privateKey)))
        return (FakeSMTPServer(refuseRecipients: false, tls: tls), certificate)
    }

    static let pem = """
        -----BEGIN CERTIFICATE-----
        MIIBmzCCAUGgAwIBAgIUIB6+gIP0QI9WQwYB5M+VWu+nghUwCgYIKoZIzj0EAwIw
        FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwMTIwMzgzNloYDzIxMjYxMTA3
        MjAzODM2WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
        PQMBBwNCAARP3qjuiJ/ZJUVMDlwOrTJfP1jyZ5aEuhPSoHBjj7QJZs+Bx5ceta7K
        6Jsu4xQoHVWhIhArys0P2CagtTYU/PETo28wbTAdBgNVHQ4EFgQUSr0WMJirwx5N
        grVtCP75Wo23V88wHwYDVR0jBBgwFoAUSr0WMJirwx5NgrVtCP75Wo23V88wDwYD
        VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
        zj0EAwIDSAAwRQIgYAlvfzx1g+Lk7/r9ae/lGb0DqfMYkvK0j1kwcqNNTyUCIQDk
        A1/wzbiG9wr3z3iIFyBG+mEu9cIBJJR29/iGF8LpUA==
        -----END CERTIFICATE-----
        """
    static let key = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgl5BYPmHkBnHp4NC9
        uM2iNjn2ydjVQiNVABHYSxriIOmhRANCAARP3qjuiJ/ZJUVMDlwOrTJfP1jyZ5aE
        uhPSoHBjj7QJZs+Bx5ceta7K6Jsu4xQoHVWhIhArys0P2CagtTYU/PET
        -----END PRIVATE KEY-----
        """
}
