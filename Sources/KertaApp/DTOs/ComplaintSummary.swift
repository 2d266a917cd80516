import KertaCore
import Vapor

/// A complaint in a list: enough to show it on a map and in a table, nothing personal.
struct ComplaintSummary: Content {
    let ticket: String
    let status: String
    let category: String
    let agency: String?
    let area: AreaRef
    let lat: Double
    let lon: Double
    let description: String
    let visibility: String
    let submittedAt: String
    let dueAt: String?
    let overdue: Bool

    enum CodingKeys: String, CodingKey {
        case ticket, status, category, agency, area, lat, lon, description, visibility, overdue
        case submittedAt = "submitted_at"
        case dueAt = "due_at"
    }

    init(_ c: Complaint) {
        ticket = c.ticket
        status = c.status
        category = c.categoryCode
        agency = c.agencyCode
        area = AreaRef(c)
        lat = c.latitude
        lon = c.longitude
        description = String(c.text.prefix(280))
        visibility = c.visibility
        submittedAt = WITATimestamp.string(from: c.submittedAt)
        dueAt = c.dueAt.map(WITATimestamp.string(from:))
        overdue = c.overdueAt != nil
    }
}
