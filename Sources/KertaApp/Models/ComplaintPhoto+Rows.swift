import Foundation

/// Photos as plain rows for bulk inserts (`kerta generate`), like `Complaint+Rows.swift`.
extension ComplaintPhoto {
    static let columnNames = ["id", "complaint_id", "kind", "position", "content_type", "bytes", "size", "created_at"]

    var columnValues: [any Encodable & Sendable] {
        [id, $complaint.id, kind, position, contentType, bytes, size, createdAt]
    }
}
