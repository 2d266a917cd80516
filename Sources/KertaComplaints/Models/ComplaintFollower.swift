import Fluent
import Foundation
import KertaPlatform

/// Someone who hears about a complaint's progress besides its reporter, e.g. the reporter of a duplicate.
package final class ComplaintFollower: Model, @unchecked Sendable {
    package static let schema = "complaint_followers"

    @ID(key: .id) package var id: UUID?
    @Field(key: "complaint_id") package var complaintID: UUID
    @OptionalField(key: "user_id") package var userID: UUID?
    @OptionalField(key: "email") package var email: String?
    /// The ticket through which they came to follow, e.g. their own duplicate report.
    @OptionalField(key: "via_ticket") package var viaTicket: String?

    package init() {}

    package init(complaintID: UUID, userID: UUID?, email: String?, viaTicket: String?) {
        self.id = UUID()
        self.complaintID = complaintID
        self.userID = userID
        self.email = email
        self.viaTicket = viaTicket
    }
}
