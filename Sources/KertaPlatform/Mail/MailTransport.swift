/// Delivers mail. SMTP in production, the log when no mail server is configured, a fake in tests.
package protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
}
