import KertaCore
import Vapor

/// A complaint as the caller may see it: contacts, names and internal notes appear only for those allowed.
struct ComplaintView: Content {
    struct Reporter: Content {
        let name: String?
        let email: String?
        let phone: String?
    }

    struct Update: Content {
        let author: String
        let role: String
        let body: String
        let `internal`: Bool
        let at: String
    }

    struct Rating: Content {
        let stars: Int
        let comment: String?
    }

    struct Location: Content {
        let lat: Double
        let lon: Double
        let address: String?
    }

    let ticket: String
    let status: String
    let statusLabel: LocalizedText
    let category: String
    let categoryName: LocalizedText?
    let agency: String?
    let agencyName: String?
    let area: AreaRef
    let location: Location
    let description: String
    let visibility: String
    let reporter: Reporter?
    let submittedAt: String
    let updatedAt: String
    let dueAt: String?
    let resolutionDueAt: String?
    let overdue: Bool
    /// A supervisor escalated it by hand and it is not final yet; the deadline job's escalations show as `overdue`.
    let escalated: Bool
    let escalatedAt: String?
    let dispatchedAt: String?
    let resolvedAt: String?
    let closedAt: String?
    let publicResponse: String?
    let duplicateOf: String?
    let photos: [String]
    let updates: [Update]
    let rating: Rating?
    let isReporter: Bool
    let availableTransitions: [String]

    enum CodingKeys: String, CodingKey {
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
