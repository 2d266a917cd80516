import Fluent
import Foundation
import KertaCore
import KertaPlatform

/// A resident's report of a problem in the city, and everything the city did about it.
package final class Complaint: Model, @unchecked Sendable {
    package static let schema = "complaints"

    @ID(key: .id) package var id: UUID?

    // Identity
    /// `PRO-2026-000123`, unique, what the resident follows the complaint by.
    @Field(key: "ticket") package var ticket: String
    /// The client's `Idempotency-Key`, scoped to who sent it, so a retried submission finds its ticket.
    @OptionalField(key: "idempotency_key") package var idempotencyKey: String?

    // What and where
    @Field(key: "category_code") package var categoryCode: String
    @Field(key: "description") package var text: String
    @Field(key: "latitude") package var latitude: Double
    @Field(key: "longitude") package var longitude: Double
    /// ``GridCell`` of the point, for nearby searches.
    @OptionalField(key: "grid_cell") package var gridCell: Int64?
    @OptionalField(key: "address") package var address: String?
    @Field(key: "desa_code") package var desaCode: String
    @Field(key: "desa_name") package var desaName: String
    @Field(key: "kecamatan_code") package var kecamatanCode: String
    @Field(key: "kecamatan_name") package var kecamatanName: String
    /// Answers to the category's extra questions, as JSON `{"code": ["value", …]}`.
    @OptionalField(key: "attributes") package var attributesJSON: String?

    // Who reported it
    @Field(key: "visibility") package var visibility: ComplaintVisibility
    @OptionalField(key: "reporter_user_id") package var reporterUserID: UUID?
    @Field(key: "reporter_name") package var reporterName: String
    @OptionalField(key: "reporter_email") package var reporterEmail: String?
    @OptionalField(key: "reporter_phone") package var reporterPhone: String?

    // Workflow
    @Field(key: "status") package var status: ComplaintStatus
    @OptionalField(key: "agency_code") package var agencyCode: String?
    @Field(key: "priority") package var priority: Priority
    @OptionalField(key: "duplicate_of_ticket") package var duplicateOfTicket: String?
    @OptionalField(key: "public_response") package var publicResponse: String?
    @Field(key: "reopen_count") package var reopenCount: Int

    // Clocks (UTC instants)
    @Field(key: "submitted_at") package var submittedAt: Date
    @OptionalField(key: "dispatched_at") package var dispatchedAt: Date?
    @OptionalField(key: "first_response_at") package var firstResponseAt: Date?
    @OptionalField(key: "resolved_at") package var resolvedAt: Date?
    @OptionalField(key: "closed_at") package var closedAt: Date?
    /// What the city owes next, by when: verification, first response, resolution, or the dispute window.
    @OptionalField(key: "due_at") package var dueAt: Date?
    @OptionalField(key: "resolution_due_at") package var resolutionDueAt: Date?
    /// Set when the overdue job escalated the current stage; cleared when the stage changes.
    @OptionalField(key: "overdue_at") package var overdueAt: Date?
    /// Set when a supervisor escalated it by hand (``ComplaintEscalation``); kept until it is final.
    @OptionalField(key: "escalated_at") package var escalatedAt: Date?
    /// The status it had then: a second escalation by hand waits for the next stage.
    @OptionalField(key: "escalated_stage") package var escalatedStage: ComplaintStatus?
    @Field(key: "updated_at") package var updatedAt: Date

    // The reporter's verdict
    @OptionalField(key: "rating_stars") package var ratingStars: Int?
    @OptionalField(key: "rating_comment") package var ratingComment: String?

    // Audit chain head
    @Field(key: "audit_head") package var auditHead: String
    @Field(key: "audit_count") package var auditCount: Int

    package init() {}

    package var point: GeoPoint { GeoPoint(latitude: latitude, longitude: longitude) }

    package var attributes: [String: [String]] {
        guard let json = attributesJSON else { return [:] }
        return (try? JSONDecoder().decode([String: [String]].self, from: Data(json.utf8))) ?? [:]
    }

    package var facts: ComplaintFacts {
        ComplaintFacts(status: status, visibility: visibility, agencyCode: agencyCode, resolvedAt: resolvedAt)
    }
}
