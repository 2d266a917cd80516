import Foundation
import KertaPlatform

/// Photos as plain rows for bulk inserts (`kerta generate`), like `Complaint+Rows.swift`.
extension ComplaintPhoto {
    package static let columnNames = ["id", "complaint_id", "kind", "position", "content_type", "bytes", "size", "created_at"]

    package var columnValues: [any Encodable & Sendable] {
        [id, $complaint.id, kind, position, contentType, bytes, size, createdAt]
    }
}
