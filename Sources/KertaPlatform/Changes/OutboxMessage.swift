import Fluent
import Foundation

/// A notification waiting to be delivered. Written in the same transaction as the change it reports,
/// so no change goes unannounced and no message announces a change that was rolled back.
package final class OutboxMessage: Model, @unchecked Sendable {
    package static let schema = "outbox_messages"

    @ID(key: .id) package var id: UUID?

    // Message
    @Field(key: "recipient") package var recipient: String
    @Field(key: "subject") package var subject: String
    @Field(key: "body") package var body: String
    @OptionalField(key: "complaint_ticket") package var complaintTicket: String?

    // Delivery
    @Field(key: "created_at") package var createdAt: Date
    @Field(key: "attempts") package var attempts: Int
    @Field(key: "next_attempt_at") package var nextAttemptAt: Date
    @OptionalField(key: "sent_at") package var sentAt: Date?
    @OptionalField(key: "last_error") package var lastError: String?

    package init() {}

    package init(recipient: String, subject: String, body: String, ticket: String?, at now: Date) {
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
