import Foundation
import NIOCore
import NIOPosix

/// A small SMTP client (RFC 5321): greeting, EHLO, optional AUTH PLAIN, MAIL FROM, RCPT TO, DATA, QUIT.
/// Meant for a relay on the city's network (plain connection); a failure throws, and the outbox retries.
struct SMTPMailTransport: MailTransport {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let host: String
    let port: Int
    let username: String?
    let password: String?
    let group: any EventLoopGroup
    var timeout: TimeAmount = .seconds(30)

    /// From `smtp://user:password@host:port`.
    init?(url: String, group: any EventLoopGroup) {
        guard let components = URLComponents(string: url), components.scheme == "smtp", let host = components.host else { return nil }
        self.host = host
        self.port = components.port ?? 25
        self.username = components.user?.removingPercentEncoding
        self.password = components.password?.removingPercentEncoding
        self.group = group
    }

    func send(_ message: MailMessage) async throws {
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplyReader(inbound.makeAsyncIterator())
            func command(_ line: String?, expect: Int) async throws {
                if let line { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
                let (code, text) = try await replies.next()
                guard code == expect else {
                    throw Failure(description: "SMTP \(line?.split(separator: " ").first.map(String.init) ?? "greeting"): expected \(expect), got \(code) \(text)")
                }
            }
            try await command(nil, expect: 220)
            try await command("EHLO kerta", expect: 250)
            if let username, let password {
                let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
                try await command("AUTH PLAIN \(token)", expect: 235)
            }
            try await command("MAIL FROM:<\(Self.address(message.from))>", expect: 250)
            try await command("RCPT TO:<\(Self.address(message.to))>", expect: 250)
            try await command("DATA", expect: 354)
            try await command(Self.encode(message) + "\r\n.", expect: 250)
            try? await command("QUIT", expect: 221)
        }
    }

    /// The bare address from `Name <a@b>` or `a@b`.
    static func address(_ text: String) -> String {
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            return String(text[text.index(after: open)..<close])
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Headers and a UTF-8 body, lines dot-stuffed as DATA requires.
    static func encode(_ message: MailMessage) -> String {
        let subject = "=?UTF-8?B?\(Data(message.subject.utf8).base64EncodedString())?="
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let headers = [
            "From: \(message.from)", "To: \(message.to)", "Subject: \(subject)", "Date: \(formatter.string(from: Date()))",
            "Message-ID: <\(UUID().uuidString.lowercased())@kerta>",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
        ]
        let body = message.body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }
        return (headers + [""] + body).joined(separator: "\r\n")
    }
}

/// Reads SMTP replies, joining multi-line ones (`250-…` … `250 …`).
struct SMTPReplyReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending = ""

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    mutating func next() async throws -> (Int, String) {
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
