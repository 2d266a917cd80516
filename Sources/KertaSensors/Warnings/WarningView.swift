import Foundation
import KertaCore
import KertaPlatform

/// A warning as the pages and `/alerts.json` show it, in the reader's language, with what this reader may do.
package struct WarningView: Encodable, Sendable {
    package struct Circle: Encodable, Sendable { let latitude: Double; let longitude: Double; let radiusKm: Double }

    let id: String
    let identifier: String?
    let state: String
    let stateText: String
    let msgType: String
    let event: String
    let headline: String
    let description: String
    let instruction: String
    let urgency: String
    let severity: String
    let certainty: String
    let areaDescription: String
    /// `[[lat, lon], …]`
    let polygon: [[Double]]
    let circle: Circle?
    let desaCodes: [String]
    let gaugeCode: String?
    let sent: String?
    let sentText: String?
    let expires: String
    let expiresText: String
    let expired: Bool
    let inForce: Bool
    let capURL: String?
    let draftedBy: String
    let approvedBy: String?
    let referencesID: String?
    let canApprove: Bool
    let canPublish: Bool
    let canWithdraw: Bool
    let canUpdate: Bool

    package init(_ warning: Warning, language: Language, viewer: User?, now: Date) throws {
        let content = try warning.content
        id = try warning.requireID().uuidString.lowercased()
        identifier = warning.identifier
        state = warning.state.rawValue
        stateText = warning.state.label.text(language)
        msgType = warning.msgType.rawValue
        event = content.event.text(language)
        headline = content.headline.text(language)
        description = content.description.text(language)
        instruction = content.instruction.text(language)
        urgency = content.urgency.rawValue
        severity = content.severity.rawValue
        certainty = content.certainty.rawValue
        areaDescription = content.areaDescription
        polygon = content.polygon.map { [$0.latitude, $0.longitude] }
        circle = content.circle.map { Circle(latitude: $0.center.latitude, longitude: $0.center.longitude, radiusKm: $0.radiusKilometres) }
        desaCodes = content.desaCodes
        gaugeCode = content.gaugeCode
        sent = warning.sentAt.map { WITATimestamp.string(from: $0) }
        sentText = warning.sentAt.map { WITAReadableTime.string(from: $0, language) }
        expires = WITATimestamp.string(from: warning.expiresAt)
        expiresText = WITAReadableTime.string(from: warning.expiresAt, language)
        expired = warning.expiresAt <= now
        inForce = warning.state == .published && warning.expiresAt > now
        capURL = warning.identifier.map { "/alerts/\($0).cap" }
        draftedBy = warning.draftedByName
        approvedBy = warning.approvedByName
        referencesID = warning.referencesID?.uuidString.lowercased()
        let role = viewer?.role
        let viewerID = viewer?.id
        canApprove = warning.state == .draft && WarningWorkflow.mayApprove(role) && viewerID != warning.draftedByID
        canPublish = warning.state == .approved && WarningWorkflow.mayDraft(role)
        canWithdraw = (warning.state == .draft || warning.state == .approved) && WarningWorkflow.mayDraft(role)
        canUpdate = inForce && WarningWorkflow.mayDraft(role)
    }
}
