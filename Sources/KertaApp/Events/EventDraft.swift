import Foundation
import KertaCore

/// An event as a change announces it, before it has an id. Titles and payload go to every subscriber the
/// audience allows, so they carry no personal data: no reporter's name, contact or words.
struct EventDraft: Sendable {
    /// `complaint.submitted`, `complaint.dispatched`, `complaint.overdue`; later `gauge.level_changed`, …
    var type: String
    var layer: EventLayer
    var severity: EventSeverity
    var subjectType: String?
    var subjectID: String?
    /// What people call the subject: a ticket, a gauge's code, a vehicle's plate.
    var subjectRef: String?
    var point: GeoPoint?
    var desaCode: String?
    var title: LocalizedText
    var payload: [String: EventValue]
    var audience: EventAudience
    var time: Date
}
