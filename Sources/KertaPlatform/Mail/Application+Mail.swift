import Vapor

extension Application {
    private struct MailTransportKey: StorageKey { typealias Value = any MailTransport }

    /// SMTP when `SMTP_URL` is set, otherwise the log; tests put a fake here.
    package var mailTransport: any MailTransport {
        get {
            if let configured = storage[MailTransportKey.self] { return configured }
            if let url = kertaConfiguration.smtpURL, let smtp = SMTPMailTransport(url: url, group: eventLoopGroup, clock: kertaClock) { return smtp }
            return LogMailTransport(logger: logger)
        }
        set { storage[MailTransportKey.self] = newValue }
    }

    package func outboxSender(now: (@Sendable () -> Date)? = nil) -> OutboxSender {
        OutboxSender(db: db, transport: mailTransport, from: kertaConfiguration.mailFrom, now: now ?? currentTime)
    }
}
