import Fluent
import Foundation

/// A notification waiting to be delivered. Written in the same transaction as the change it reports,
/// so no change goes unannounced and no message announces a change that was rolled back.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    @ID(key: .id) var id: UUID?

    // Message
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @OptionalField(key: "complaint_ticket") var complaintTicket: String?

    // Delivery
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "last_error") var lastError: String?

    init() {}

    init(recipient: String, subject: String, body: String, ticket: String?, at now: Date) {
        self.id = UUID()
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.complaintTicket = ticket
        self.createdAt = now
        self.attempts = 0
        self.nextAttemptAt = now
    }
}
