import Fluent
import Foundation
import KertaCore
import KertaPlatform

/// Something in the city that wants an operator: raised by a rule, deduplicated by type and source.
package final class Alarm: Model, @unchecked Sendable {
    package static let schema = "alarms"

    @ID(key: .id) package var id: UUID?

    // What and why
    @Field(key: "type") package var type: String
    @Field(key: "source") package var source: String
    @Field(key: "priority") package var priority: Priority
    @Field(key: "title_id") package var titleID: String
    @Field(key: "title_en") package var titleEN: String
    @OptionalField(key: "subject_type") package var subjectType: String?
    @OptionalField(key: "subject_ref") package var subjectRef: String?
    @OptionalField(key: "latitude") package var latitude: Double?
    @OptionalField(key: "longitude") package var longitude: Double?
    @OptionalField(key: "desa_code") package var desaCode: String?
    @OptionalField(key: "agency_code") package var agencyCode: String?
    /// About a confidential complaint: shown only to those who may read it (``AlarmService/active(for:states:limit:)``).
    @Field(key: "confidential") package var confidential: Bool
    /// The newest event counted, so a pass read again raises nothing twice.
    @OptionalField(key: "last_event_id") package var lastEventID: Int64?

    // Where it stands
    @Field(key: "state") package var state: AlarmState
    /// How often its cause was seen while it was active.
    @Field(key: "count") package var count: Int
    /// When Kerta raised it (the time to acknowledge counts from here); `first_at` is when its cause began.
    @Field(key: "raised_at") package var raisedAt: Date
    @Field(key: "first_at") package var firstAt: Date
    @Field(key: "last_at") package var lastAt: Date
    @OptionalField(key: "acknowledged_at") package var acknowledgedAt: Date?
    @OptionalField(key: "assignee_id") package var assigneeID: UUID?
    @OptionalField(key: "assignee_name") package var assigneeName: String?
    @OptionalField(key: "resolved_at") package var resolvedAt: Date?
    @OptionalField(key: "closed_at") package var closedAt: Date?
    @OptionalField(key: "shelved_until") package var shelvedUntil: Date?
    @OptionalField(key: "shelve_reason") package var shelveReason: String?
    @Field(key: "updated_at") package var updatedAt: Date

    // Audit chain head
    @Field(key: "audit_head") package var auditHead: String
    @Field(key: "audit_count") package var auditCount: Int

    package init() {}

    package init(_ trigger: AlarmTrigger, raisedAt: Date) {
        id = UUID()
        type = trigger.type
        source = trigger.source
        priority = trigger.priority
        titleID = trigger.title.id
        titleEN = trigger.title.en
        subjectType = trigger.subjectType
        subjectRef = trigger.subjectRef
        latitude = trigger.point?.latitude
        longitude = trigger.point?.longitude
        desaCode = trigger.desaCode
        agencyCode = trigger.agencyCode
        confidential = trigger.confidential
        lastEventID = trigger.eventID
        self.raisedAt = raisedAt
        state = .open
        count = 1
        firstAt = trigger.at
        lastAt = trigger.at
        updatedAt = raisedAt
        auditHead = AuditRecord.genesisHash
        auditCount = 0
    }

    package var title: LocalizedText { LocalizedText(id: titleID, en: titleEN) }
    package var point: GeoPoint? {
        guard let latitude, let longitude else { return nil }
        return GeoPoint(latitude: latitude, longitude: longitude)
    }
}
