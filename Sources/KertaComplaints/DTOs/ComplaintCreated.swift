import KertaCore
import Vapor
import KertaPlatform

/// The answer to a submission: the ticket to follow, where it goes, by when, and similar open reports nearby.
package struct ComplaintCreated: Content {
    package let ticket: String
    package let status: ComplaintStatus
    package let category: String
    package let agency: String?
    package let area: AreaRef
    package let dueAt: String?
    package let possibleDuplicates: [NearbyComplaint]
    /// Only for a reporter who is not signed in: keep it to follow, confirm and rate (header `X-Access-Key`).
    package let accessKey: String?
    package let url: String

    package enum CodingKeys: String, CodingKey {
        case ticket, status, category, agency, area, url
        case dueAt = "due_at"
        case possibleDuplicates = "possible_duplicates"
        case accessKey = "access_key"
    }
}
