import Fluent
import Foundation
import SQLKit

/// Outbox messages as plain rows, as the change recorder writes them: Fluent's `create` reflects over the
/// model first (see `Complaint+Rows.swift`). The list must name every field of
/// ``OutboxMessage``.
extension OutboxMessage {
    package static let columnNames = [
        "id", "recipient", "subject", "body", "complaint_ticket", "created_at", "attempts", "next_attempt_at", "sent_at", "last_error",
    ]

    package static let quotedColumnNames = quotedColumns(columnNames)

    package var columnValues: [any Encodable & Sendable] {
        [id, recipient, subject, body, complaintTicket, createdAt, attempts, nextAttemptAt, sentAt, lastError]
    }
}
