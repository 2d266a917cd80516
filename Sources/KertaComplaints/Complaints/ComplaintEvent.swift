import Foundation
import KertaCore
import KertaPlatform

/// What the live log says of a complaint change. Titles and payload carry the ticket, the stage, the
/// category, the agency and the desa — never the reporter's name, contacts or words. The staff-side ones
/// (internal notes, escalations, missed deadlines, visibility) go to the agency's officers and the staff who
/// oversee agencies; every event of a confidential complaint only to those who may read the complaint.
package enum ComplaintEvent: Sendable {
    case submitted
    case moved(to: ComplaintStatus)
    case responded
    case noted
    case rated(stars: Int)
    case escalated
    case overdue(stage: ComplaintStatus)
    case visibilityChanged

    package var type: String {
        switch self {
        case .submitted: "complaint.submitted"
        case .moved(let status): "complaint.\(status.rawValue)"
        case .responded: "complaint.responded"
        case .noted: "complaint.noted"
        case .rated: "complaint.rated"
        case .escalated: "complaint.escalated"
        case .overdue: "complaint.overdue"
        case .visibilityChanged: "complaint.visibility_changed"
        }
    }

    private var isStaffSide: Bool {
        switch self {
        case .noted, .escalated, .overdue, .visibilityChanged: true
        case .submitted, .moved, .responded, .rated: false
        }
    }

    /// As ``ComplaintAccess/canRead(_:by:)`` has it: a confidential complaint's events only for who may read it.
    package func audience(of complaint: Complaint) -> EventAudience {
        if complaint.visibility == .confidential { return .confidential(complaint.agencyCode) }
        guard isStaffSide else { return .public }
        return complaint.agencyCode.map(EventAudience.agency) ?? .staff
    }

    package func severity(of complaint: Complaint) -> EventSeverity {
        switch self {
        case .submitted:
            switch complaint.priority {
            case .critical: .high
            case .high: .medium
            default: .low
            }
        case .moved(.reopened): .low
        case .rated(let stars) where stars <= 2: .low
        case .escalated: .high
        case .overdue: .medium
        default: .info
        }
    }

    package func title(of complaint: Complaint) -> LocalizedText {
        let ticket = complaint.ticket
        return switch self {
        case .submitted: LocalizedText(id: "Pengaduan baru \(ticket) di \(complaint.desaName)", en: "New complaint \(ticket) in \(complaint.desaName)")
        case .moved(let status): LocalizedText(id: "Pengaduan \(ticket): \(status.label.id)", en: "Complaint \(ticket): \(status.label.en)")
        case .responded: LocalizedText(id: "Tanggapan baru pada \(ticket)", en: "New response on \(ticket)")
        case .noted: LocalizedText(id: "Catatan internal pada \(ticket)", en: "Internal note on \(ticket)")
        case .rated(let stars): LocalizedText(id: "\(ticket) dinilai \(stars)/5", en: "\(ticket) rated \(stars)/5")
        case .escalated: LocalizedText(id: "\(ticket) dieskalasi", en: "\(ticket) escalated")
        case .overdue(let stage): LocalizedText(id: "\(ticket) melewati batas waktu (\(stage.label.id))", en: "\(ticket) is overdue (\(stage.label.en))")
        case .visibilityChanged: LocalizedText(id: "Visibilitas \(ticket) diubah", en: "Visibility of \(ticket) changed")
        }
    }

    package func draft(for complaint: Complaint, at now: Date) -> EventDraft {
        var payload: [String: EventValue] = [
            "ticket": .text(complaint.ticket), "status": .text(complaint.status.rawValue), "category": .text(complaint.categoryCode),
            "priority": .text(complaint.priority.rawValue), "kecamatan": .text(complaint.kecamatanCode),
        ]
        if let agency = complaint.agencyCode { payload["agency"] = .text(agency) }
        switch self {
        case .rated(let stars): payload["stars"] = .number(Double(stars))
        case .visibilityChanged: payload["visibility"] = .text(complaint.visibility.rawValue)
        case .overdue(let stage): payload["stage"] = .text(stage.rawValue)
        default: break
        }
        return EventDraft(type: type, layer: .complaints, severity: severity(of: complaint), subjectType: Complaint.auditSubjectType,
                          subjectID: complaint.id?.uuidString.lowercased(), subjectRef: complaint.ticket,
                          point: GeoPoint(latitude: complaint.latitude, longitude: complaint.longitude), desaCode: complaint.desaCode,
                          title: title(of: complaint), payload: payload, audience: audience(of: complaint), time: now)
    }
}

extension ChangeSet {
    /// A complaint change's one event.
    package func announce(_ event: ComplaintEvent, of complaint: Complaint, at now: Date) {
        announce(event.draft(for: complaint, at: now))
    }
}
