import Fluent
import Foundation
import KertaPlatform

/// A message on a complaint: a public response, a reporter's reply, or a staff-only internal note.
package final class ComplaintUpdate: Model, @unchecked Sendable {
    package static let schema = "complaint_updates"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "complaint_id") package var complaint: Complaint
    @OptionalField(key: "author_id") package var authorID: UUID?
    @Field(key: "author_role") package var authorRole: String
    @Field(key: "author_name") package var authorName: String
    @Field(key: "body") package var body: String
    /// Internal notes never reach the public or the reporter.
    @Field(key: "internal") package var isInternal: Bool
    @Field(key: "created_at") package var createdAt: Date

    package init() {}

    package init(complaintID: UUID, authorID: UUID?, authorRole: String, authorName: String, body: String, isInternal: Bool, createdAt: Date) {
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
