import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A small SMTP client (RFC 5321): greeting, EHLO, STARTTLS (RFC 3207) or TLS from the first byte,
/// AUTH PLAIN, MAIL FROM, RCPT TO, DATA, QUIT. A failure throws, and the outbox retries.
///
/// A password never crosses the network in clear: to a relay that is not on this machine, AUTH is sent
/// only inside TLS, and a server that offers no STARTTLS is refused unless `?tls=none` says the network
/// is trusted.
package struct SMTPMailTransport: MailTransport {
    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    /// How the connection is protected, from the URL.
    package enum Security: String, Sendable {
        /// `smtp://…` (default): STARTTLS whenever the server offers it.
        case auto
        /// `smtp://…?tls=starttls`: STARTTLS or no delivery.
        case starttls
        /// `smtps://…` (port 465): TLS from the first byte.
        case implicit
        /// `smtp://…?tls=none`: plain, for a relay on a trusted network.
        case none
    }

    package let host: String
    package let port: Int
    package let username: String?
    package let password: String?
    package let security: Security
    package let group: any EventLoopGroup
    /// For the message's `Date:` header.
    package let clock: any KertaClock
    package var timeout: TimeAmount = .seconds(30)
    /// The longest a whole delivery may take, greeting to QUIT.
    package var sessionTimeout: TimeAmount = .seconds(120)
    /// The system's trusted roots and full verification by default; tests trust their own certificate.
    package var tlsConfiguration = TLSConfiguration.makeClientConfiguration()

    /// From `smtp://user:password@host:port[?tls=starttls|none]` or `smtps://user:password@host:port`.
    package init?(url: String, group: any EventLoopGroup, clock: any KertaClock = SystemClock()) {
        guard let components = URLComponents(string: url), let host = components.host,
              components.scheme == "smtp" || components.scheme == "smtps" else { return nil }
        let implicit = components.scheme == "smtps"
        let requested = components.queryItems?.first { $0.name == "tls" }?.value?.lowercased()
        switch (implicit, requested) {
        case (true, _): security = .implicit
        case (false, nil), (false, "auto"): security = .auto
        case (false, let value?): guard let mode = Security(rawValue: value), mode != .implicit else { return nil }; security = mode
        }
        self.host = host
        self.port = components.port ?? (implicit ? 465 : 25)
        self.username = components.user?.removingPercentEncoding
        self.password = components.password?.removingPercentEncoding
        self.group = group
        self.clock = clock
    }

    /// A relay on this machine may take a password without TLS.
    package var isLoopback: Bool {
        if host == "localhost" || host == "::1" { return true }
        // A numeric 127.x.y.z only: "127.example.org" is a name anywhere on the internet.
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    package func send(_ message: MailMessage) async throws {
        let context = try NIOSSLContext(configuration: tlsConfiguration)
        // SNI and certificate names are host names; an address literal is checked against the certificate's IPs.
        let serverName = host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : host
        let implicit = security == .implicit
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicit {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: serverName))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let underlying = channel.channel
        // One deadline for the whole session: a relay that accepts and then goes quiet must not hold the outbox
        // (or a stopping server) for ever; closing the channel ends every pending read.
        let deadline = underlying.eventLoop.scheduleTask(in: sessionTimeout) { underlying.close(promise: nil) }
        defer { deadline.cancel() }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplyReader(inbound.makeAsyncIterator())
            @discardableResult
            func command(_ line: String?, expect: Int) async throws -> String {
                if let line { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
                let (code, text) = try await replies.next()
                guard code == expect else {
                    throw Failure(description: "SMTP \(line?.split(separator: " ").first.map(String.init) ?? "greeting"): expected \(expect), got \(code) \(text)")
                }
                return text
            }
            try await command(nil, expect: 220)
            var capabilities = try await command("EHLO kerta", expect: 250).uppercased()
            var secured = implicit
            if !secured && security != .none {
                if capabilities.contains("STARTTLS") {
                    try await command("STARTTLS", expect: 220)
                    // Anything already read after the go-ahead came in clear, possibly from a man in the middle:
                    // it must not be taken for the encrypted session's replies.
                    guard replies.pending.isEmpty else {
                        throw Failure(description: "SMTP: \(host) sent data after its STARTTLS go-ahead; refusing the session")
                    }
                    // TLS goes first in the pipeline: what follows is encrypted both ways.
                    try await underlying.pipeline.addHandler(try NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first).get()
                    secured = true
                    // RFC 3207: forget what was learnt in clear and ask again.
                    capabilities = try await command("EHLO kerta", expect: 250).uppercased()
                } else if security == .starttls {
                    throw Failure(description: "SMTP: \(host) does not offer STARTTLS, which SMTP_URL requires (tls=starttls)")
                }
            }
            if let username, let password {
                guard secured || isLoopback || security == .none else {
                    throw Failure(description: "SMTP: refusing to send the password to \(host) unencrypted (it offers no STARTTLS); use smtps:// or add ?tls=none for a trusted network")
                }
                guard capabilities.contains("AUTH") else {
                    throw Failure(description: "SMTP: \(host) offers no AUTH, but SMTP_URL has a user and password")
                }
                let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
                try await command("AUTH PLAIN \(token)", expect: 235)
            }
            try await command("MAIL FROM:<\(Self.address(message.from))>", expect: 250)
            try await command("RCPT TO:<\(Self.address(message.to))>", expect: 250)
            try await command("DATA", expect: 354)
            try await command(Self.encode(message, at: clock.now()) + "\r\n.", expect: 250)
            _ = try? await command("QUIT", expect: 221)
        }
    }

    /// The bare address from `Name <a@b>` or `a@b`.
    package static func address(_ text: String) -> String {
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            return String(text[text.index(after: open)..<close])
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Headers and a UTF-8 body, lines dot-stuffed as DATA requires.
    package static func encode(_ message: MailMessage, at now: Date) -> String {
        let subject = "=?UTF-8?B?\(Data(message.subject.utf8).base64EncodedString())?="
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let headers = [
            "From: \(message.from)", "To: \(message.to)", "Subject: \(subject)", "Date: \(formatter.string(from: now))",
            "Message-ID: <\(UUID().uuidString.lowercased())@kerta>",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
        ]
        let body = message.body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }
        return (headers + [""] + body).joined(separator: "\r\n")
    }
}

/// Reads SMTP replies, joining multi-line ones (`250-…` … `250 …`).
package struct SMTPReplyReader {
    package var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    package var pending = ""

    package init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    package mutating func next() async throws -> (Int, String) {
        var text = ""
        while true {
            let line = try await nextLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw SMTPMailTransport.Failure(description: "SMTP: unreadable reply \"\(line)\"")
            }
            text += line.dropFirst(4) + " "
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " { return (code, text) }
        }
    }

    private mutating func nextLine() async throws -> String {
        while true {
            if let range = pending.range(of: "\r\n") ?? pending.range(of: "\n") {
                let line = String(pending[..<range.lowerBound])
                pending.removeSubrange(..<range.upperBound)
                return line
            }
            guard var buffer = try await iterator.next() else {
                throw SMTPMailTransport.Failure(description: "SMTP: the server closed the connection")
            }
            pending += buffer.readString(length: buffer.readableBytes) ?? ""
        }
    }
}
