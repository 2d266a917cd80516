import Foundation
import KertaCore

/// An event as a change announces it, before it has an id. Titles and payload go to every subscriber the
/// audience allows, so they carry no personal data: no reporter's name, contact or words.
package struct EventDraft: Sendable {
    /// `complaint.submitted`, `complaint.dispatched`, `complaint.overdue`; later `gauge.level_changed`, …
    package var type: String
    package var layer: EventLayer
    package var severity: EventSeverity
    package var subjectType: String?
    package var subjectID: String?
    /// What people call the subject: a ticket, a gauge's code, a vehicle's plate.
    package var subjectRef: String?
    package var point: GeoPoint?
    package var desaCode: String?
    package var title: LocalizedText
    package var payload: [String: EventValue]
    package var audience: EventAudience
    package var time: Date

    package init(type: String, layer: EventLayer, severity: EventSeverity, subjectType: String? = nil, subjectID: String? = nil, subjectRef: String? = nil, point: GeoPoint? = nil, desaCode: String? = nil, title: LocalizedText, payload: [String: EventValue], audience: EventAudience, time: Date) {
        self.type = type
        self.layer = layer
        self.severity = severity
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.subjectRef = subjectRef
        self.point = point
        self.desaCode = desaCode
        self.title = title
        self.payload = payload
        self.audience = audience
        self.time = time
    }
}
