import KertaCore
import Vapor
import KertaPlatform

/// A complaint in a list: enough to show it on a map and in a table, nothing personal.
package struct ComplaintSummary: Content {
    package let ticket: String
    package let status: ComplaintStatus
    package let category: String
    package let agency: String?
    package let area: AreaRef
    package let lat: Double
    package let lon: Double
    package let description: String
    package let visibility: ComplaintVisibility
    package let submittedAt: String
    package let dueAt: String?
    package let overdue: Bool

    package enum CodingKeys: String, CodingKey {
        case ticket, status, category, agency, area, lat, lon, description, visibility, overdue
        case submittedAt = "submitted_at"
        case dueAt = "due_at"
    }

    package init(_ c: Complaint) {
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
