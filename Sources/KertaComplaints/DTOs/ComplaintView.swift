import KertaCore
import Vapor
import KertaPlatform

/// A complaint as the caller may see it: contacts, names and internal notes appear only for those allowed.
package struct ComplaintView: Content {
    package struct Reporter: Content {
        package let name: String?
        package let email: String?
        package let phone: String?
    }

    package struct Update: Content {
        package let author: String
        package let role: String
        package let body: String
        package let `internal`: Bool
        package let at: String
    }

    package struct Rating: Content {
        package let stars: Int
        package let comment: String?
    }

    package struct Location: Content {
        package let lat: Double
        package let lon: Double
        package let address: String?
    }

    package let ticket: String
    package let status: ComplaintStatus
    package let statusLabel: LocalizedText
    package let category: String
    package let categoryName: LocalizedText?
    package let agency: String?
    package let agencyName: String?
    package let area: AreaRef
    package let location: Location
    package let description: String
    package let visibility: ComplaintVisibility
    package let reporter: Reporter?
    package let submittedAt: String
    package let updatedAt: String
    package let dueAt: String?
    package let resolutionDueAt: String?
    package let overdue: Bool
    /// A supervisor escalated it by hand and it is not final yet; the deadline job's escalations show as `overdue`.
    package let escalated: Bool
    package let escalatedAt: String?
    package let dispatchedAt: String?
    package let resolvedAt: String?
    package let closedAt: String?
    package let publicResponse: String?
    package let duplicateOf: String?
    package let photos: [String]
    package let updates: [Update]
    package let rating: Rating?
    package let isReporter: Bool
    package let availableTransitions: [String]

    package enum CodingKeys: String, CodingKey {
        case ticket, status, category, agency, area, location, description, visibility, reporter, overdue, escalated, photos, updates, rating
        case escalatedAt = "escalated_at"
        case statusLabel = "status_label"
        case categoryName = "category_name"
        case agencyName = "agency_name"
        case submittedAt = "submitted_at"
        case updatedAt = "updated_at"
        case dueAt = "due_at"
        case resolutionDueAt = "resolution_due_at"
        case dispatchedAt = "dispatched_at"
        case resolvedAt = "resolved_at"
        case closedAt = "closed_at"
        case publicResponse = "public_response"
        case duplicateOf = "duplicate_of"
        case isReporter = "is_reporter"
        case availableTransitions = "available_transitions"
    }
}
