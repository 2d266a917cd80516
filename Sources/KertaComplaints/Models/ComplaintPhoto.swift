import Fluent
import Foundation
import KertaPlatform

/// A photo of a complaint, stored cleaned of metadata. Kept in the database so that several servers
/// share it without a shared disk.
package final class ComplaintPhoto: Model, @unchecked Sendable {
    package static let schema = "complaint_photos"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "complaint_id") package var complaint: Complaint
    /// Photos a resident sent with the report, or an officer with the resolution.
    @Field(key: "kind") package var kind: String
    @Field(key: "position") package var position: Int
    @Field(key: "content_type") package var contentType: String
    @Field(key: "bytes") package var bytes: Data
    @Field(key: "size") package var size: Int
    @Field(key: "created_at") package var createdAt: Date

    package init() {}

    package init(complaintID: UUID, kind: String, position: Int, contentType: String, bytes: Data, createdAt: Date) {
        self.id = UUID()
        self.$complaint.id = complaintID
        self.kind = kind
        self.position = position
        self.contentType = contentType
        self.bytes = bytes
        self.size = bytes.count
        self.createdAt = createdAt
    }
}
