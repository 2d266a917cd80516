import Logging

/// Without a mail server, notifications are written to the log, so a demo shows what would be sent.
struct LogMailTransport: MailTransport {
    let logger: Logger

    func send(_ message: MailMessage) async throws {
        logger.info("mail to \(message.to): \(message.subject)")
    }
}
