import Foundation

/// What a rule found: an alarm to raise, or to count again when one of the same type and source is
/// still active (deduplication by type and source).
public struct AlarmTrigger: Sendable, Equatable {
    /// `complaint_overdue`, `verification_waiting`, `complaint_spike`; later `gauge_alert`, `vehicle_geofence`, …
    public let type: String
    /// What the alarm is about, stable across repeats: `complaint:PRO-2026-000123`, `spike:INFRA-DRAINASE:5171031003`.
    public let source: String
    public let priority: Priority
    public let title: LocalizedText
    public let subjectType: String?
    public let subjectRef: String?
    public let point: GeoPoint?
    public let desaCode: String?
    /// The agency whose work it concerns, when one does: its officers see it.
    public let agencyCode: String?
    /// About a confidential complaint: only those who may read it hear of the alarm, and it has no place.
    public let confidential: Bool
    /// The event that caused it, when one did: a pass read again after a failure raises nothing twice.
    public let eventID: Int64?
    /// A state that holds until someone acts (a complaint still waiting), seen again on every pass: it raises
    /// an alarm once and does not count it up while that alarm is active.
    public let isStanding: Bool
    /// The cause has returned to normal (a river back below its mark, a gauge reporting again): the active
    /// alarm of this type and source is cleared instead of raised.
    public let clears: Bool
    public let at: Date

    public init(type: String, source: String, priority: Priority, title: LocalizedText, subjectType: String? = nil, subjectRef: String? = nil,
                point: GeoPoint? = nil, desaCode: String? = nil, agencyCode: String? = nil, confidential: Bool = false,
                eventID: Int64? = nil, isStanding: Bool = false, clears: Bool = false, at: Date) {
        self.type = type
        self.source = source
        self.priority = priority
        self.title = title
        self.subjectType = subjectType
        self.subjectRef = subjectRef
        self.point = point
        self.desaCode = desaCode
        self.agencyCode = agencyCode
        self.confidential = confidential
        self.eventID = eventID
        self.isStanding = isStanding
        self.clears = clears
        self.at = at
    }
}
