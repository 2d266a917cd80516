import Fluent
import Foundation
import KertaCore

/// A resident's report of a problem in the city, and everything the city did about it.
final class Complaint: Model, @unchecked Sendable {
    static let schema = "complaints"

    @ID(key: .id) var id: UUID?

    // Identity
    /// `PRO-2026-000123`, unique, what the resident follows the complaint by.
    @Field(key: "ticket") var ticket: String
    /// The client's `Idempotency-Key`, scoped to who sent it, so a retried submission finds its ticket.
    @OptionalField(key: "idempotency_key") var idempotencyKey: String?

    // What and where
    @Field(key: "category_code") var categoryCode: String
    @Field(key: "description") var text: String
    @Field(key: "latitude") var latitude: Double
    @Field(key: "longitude") var longitude: Double
    /// ``GridCell`` of the point, for nearby searches.
    @OptionalField(key: "grid_cell") var gridCell: Int64?
    @OptionalField(key: "address") var address: String?
    @Field(key: "desa_code") var desaCode: String
    @Field(key: "desa_name") var desaName: String
    @Field(key: "kecamatan_code") var kecamatanCode: String
    @Field(key: "kecamatan_name") var kecamatanName: String
    /// Answers to the category's extra questions, as JSON `{"code": ["value", …]}`.
    @OptionalField(key: "attributes") var attributesJSON: String?

    // Who reported it
    @Field(key: "visibility") var visibility: String
    @OptionalField(key: "reporter_user_id") var reporterUserID: UUID?
    @Field(key: "reporter_name") var reporterName: String
    @OptionalField(key: "reporter_email") var reporterEmail: String?
    @OptionalField(key: "reporter_phone") var reporterPhone: String?

    // Workflow
    @Field(key: "status") var status: String
    @OptionalField(key: "agency_code") var agencyCode: String?
    @Field(key: "priority") var priority: String
    @OptionalField(key: "duplicate_of_ticket") var duplicateOfTicket: String?
    @OptionalField(key: "public_response") var publicResponse: String?
    @Field(key: "reopen_count") var reopenCount: Int

    // Clocks (UTC instants)
    @Field(key: "submitted_at") var submittedAt: Date
    @OptionalField(key: "dispatched_at") var dispatchedAt: Date?
    @OptionalField(key: "first_response_at") var firstResponseAt: Date?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// What the city owes next, by when: verification, first response, resolution, or the dispute window.
    @OptionalField(key: "due_at") var dueAt: Date?
    @OptionalField(key: "resolution_due_at") var resolutionDueAt: Date?
    /// Set when the overdue job escalated the current stage; cleared when the stage changes.
    @OptionalField(key: "overdue_at") var overdueAt: Date?
    /// Set when a supervisor escalated it by hand (``ComplaintEscalation``); kept until it is final.
    @OptionalField(key: "escalated_at") var escalatedAt: Date?
    /// The status it had then: a second escalation by hand waits for the next stage.
    @OptionalField(key: "escalated_stage") var escalatedStage: String?
    @Field(key: "updated_at") var updatedAt: Date

    // The reporter's verdict
    @OptionalField(key: "rating_stars") var ratingStars: Int?
    @OptionalField(key: "rating_comment") var ratingComment: String?

    // Audit chain head
    @Field(key: "audit_head") var auditHead: String
    @Field(key: "audit_count") var auditCount: Int

    init() {}

    var statusValue: ComplaintStatus { ComplaintStatus(rawValue: status) ?? .submitted }
    var visibilityValue: ComplaintVisibility { ComplaintVisibility(rawValue: visibility) ?? .confidential }
    var priorityValue: Priority { Priority(rawValue: priority) ?? .medium }
    var point: GeoPoint { GeoPoint(latitude: latitude, longitude: longitude) }

    var attributes: [String: [String]] {
        guard let json = attributesJSON else { return [:] }
        return (try? JSONDecoder().decode([String: [String]].self, from: Data(json.utf8))) ?? [:]
    }

    var facts: ComplaintFacts {
        ComplaintFacts(status: statusValue, visibility: visibilityValue, agencyCode: agencyCode, resolvedAt: resolvedAt)
    }
}
