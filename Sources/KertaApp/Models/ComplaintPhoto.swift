import Fluent
import Foundation

/// A photo of a complaint, stored cleaned of metadata. Kept in the database so that several servers
/// share it without a shared disk.
final class ComplaintPhoto: Model, @unchecked Sendable {
    static let schema = "complaint_photos"

    @ID(key: .id) var id: UUID?
    @Parent(key: "complaint_id") var complaint: Complaint
    /// Photos a resident sent with the report, or an officer with the resolution.
    @Field(key: "kind") var kind: String
    @Field(key: "position") var position: Int
    @Field(key: "content_type") var contentType: String
    @Field(key: "bytes") var bytes: Data
    @Field(key: "size") var size: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(complaintID: UUID, kind: String, position: Int, contentType: String, bytes: Data, createdAt: Date) {
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
