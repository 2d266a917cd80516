import Vapor

/// The answer to a submission: the ticket to follow, where it goes, by when, and similar open reports nearby.
struct ComplaintCreated: Content {
    let ticket: String
    let status: String
    let category: String
    let agency: String?
    let area: AreaRef
    let dueAt: String?
    let possibleDuplicates: [NearbyComplaint]
    /// Only for a reporter who is not signed in: keep it to follow, confirm and rate (header `X-Access-Key`).
    let accessKey: String?
    let url: String

    enum CodingKeys: String, CodingKey {
        case ticket, status, category, agency, area, url
        case dueAt = "due_at"
        case possibleDuplicates = "possible_duplicates"
        case accessKey = "access_key"
    }
}
