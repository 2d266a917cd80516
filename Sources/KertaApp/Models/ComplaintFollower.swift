import Fluent
import Foundation

/// Someone who hears about a complaint's progress besides its reporter, e.g. the reporter of a duplicate.
final class ComplaintFollower: Model, @unchecked Sendable {
    static let schema = "complaint_followers"

    @ID(key: .id) var id: UUID?
    @Field(key: "complaint_id") var complaintID: UUID
    @OptionalField(key: "user_id") var userID: UUID?
    @OptionalField(key: "email") var email: String?
    /// The ticket through which they came to follow, e.g. their own duplicate report.
    @OptionalField(key: "via_ticket") var viaTicket: String?

    init() {}

    init(complaintID: UUID, userID: UUID?, email: String?, viaTicket: String?) {
        self.id = UUID()
        self.complaintID = complaintID
        self.userID = userID
        self.email = email
        self.viaTicket = viaTicket
    }
}
