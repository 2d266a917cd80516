import Fluent
import Foundation
import SQLKit

/// Outbox messages as plain rows: every change of a complaint queues one or more, and Fluent's `create`
/// reflects over the model first (see `Complaint+Rows.swift`). The list must name every field of
/// ``OutboxMessage``.
extension OutboxMessage {
    static let columnNames = [
        "id", "recipient", "subject", "body", "complaint_ticket", "created_at", "attempts", "next_attempt_at", "sent_at", "last_error",
    ]

    static let quotedColumnNames = quotedColumns(columnNames)

    var columnValues: [any Encodable & Sendable] {
        [id, recipient, subject, body, complaintTicket, createdAt, attempts, nextAttemptAt, sentAt, lastError]
    }

    /// Inserts this message as a plain row; it then exists for Fluent as after `create`.
    func insertRow(on db: any Database) async throws {
        if id == nil { id = UUID() }
        try await (db as! any SQLDatabase).insertRow(into: Self.schema, columns: Self.quotedColumnNames, values: columnValues)
        $id.exists = true
    }
}
