import Fluent
import Foundation

/// A message on a complaint: a public response, a reporter's reply, or a staff-only internal note.
final class ComplaintUpdate: Model, @unchecked Sendable {
    static let schema = "complaint_updates"

    @ID(key: .id) var id: UUID?
    @Parent(key: "complaint_id") var complaint: Complaint
    @OptionalField(key: "author_id") var authorID: UUID?
    @Field(key: "author_role") var authorRole: String
    @Field(key: "author_name") var authorName: String
    @Field(key: "body") var body: String
    /// Internal notes never reach the public or the reporter.
    @Field(key: "internal") var isInternal: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(complaintID: UUID, authorID: UUID?, authorRole: String, authorName: String, body: String, isInternal: Bool, createdAt: Date) {
        self.id = UUID()
        self.$complaint.id = complaintID
        self.authorID = authorID
        self.authorRole = authorRole
        self.authorName = authorName
        self.body = body
        self.isInternal = isInternal
        self.createdAt = createdAt
    }
}
