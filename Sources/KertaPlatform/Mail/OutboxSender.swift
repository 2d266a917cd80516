import Fluent
import Foundation
import SQLKit

/// Delivers queued notifications. A message is claimed before sending (so two servers do not both send
/// it), marked sent after, and on failure tried again later with a growing pause — a mail server that
/// is down delays messages, never loses them.
package struct OutboxSender {
    package struct Report: Equatable, CustomStringConvertible {
        package var sent = 0
        package var failed = 0

        package init(sent: Int = 0, failed: Int = 0) {
            self.sent = sent
            self.failed = failed
        }
        package var description: String { "\(sent) sent, \(failed) to retry" }
    }

    package let db: any Database
    package let transport: any MailTransport
    package let from: String
    package let now: @Sendable () -> Date
    package var batchSize = 100
    /// How long a claimed message stays reserved by the server sending it.
    package var claimSeconds: TimeInterval = 300

    package func run() async throws -> Report {
        var report = Report()
        let start = now()
        let due = try await OutboxMessage.query(on: db)
            .filter(\.$sentAt == nil).filter(\.$nextAttemptAt <= start)
            .sort(\.$createdAt).limit(batchSize).all()
        for message in due {
            guard try await claim(message, at: start) else { continue }
            do {
                try await transport.send(MailMessage(from: from, to: message.recipient, subject: message.subject, body: message.body))
                message.sentAt = now()
                message.attempts += 1
                message.lastError = nil
                try await message.update(on: db)
                report.sent += 1
            } catch {
                message.attempts += 1
                message.lastError = String(describing: error).prefix(500).description
                message.nextAttemptAt = now().addingTimeInterval(Self.retryDelay(afterAttempts: message.attempts))
                try await message.update(on: db)
                report.failed += 1
            }
        }
        return report
    }

    /// 1, 2, 4 … minutes, at most 6 hours between attempts.
    package static func retryDelay(afterAttempts attempts: Int) -> TimeInterval {
        min(60 * pow(2, Double(max(0, attempts - 1))), 6 * 3600)
    }

    private func claim(_ message: OutboxMessage, at start: Date) async throws -> Bool {
        let sql = db as! any SQLDatabase
        let until = start.addingTimeInterval(claimSeconds)
        let rows = try await sql.raw("""
            UPDATE outbox_messages SET next_attempt_at = \(bind: until)
            WHERE id = \(bind: message.id!) AND sent_at IS NULL AND next_attempt_at <= \(bind: start)
            RETURNING id
            """).all()
        message.nextAttemptAt = until
        return rows.count == 1
    }
}
