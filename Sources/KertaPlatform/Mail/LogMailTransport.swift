import Logging

/// Without a mail server, notifications are written to the log, so a demo shows what would be sent.
package struct LogMailTransport: MailTransport {
    package let logger: Logger

    package func send(_ message: MailMessage) async throws {
        logger.info("mail to \(message.to): \(message.subject)")
    }
}
