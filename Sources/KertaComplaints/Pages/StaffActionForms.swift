import Foundation
import KertaCore
import Vapor
import KertaPlatform

/// The workspace's forms beside the workflow's moves, offered exactly as the rules allow this user:
/// escalate (supervisors and administrators, on an open complaint not yet escalated in its stage) and
/// change visibility (verifiers, supervisors, administrators; the agency's officers only to hide more).
package struct StaffActionForms: Encodable {
    package struct Escalate: Encodable {
        /// Whether the "raise to high priority" box is offered: the complaint is less urgent than high.
        package let canRaise: Bool
    }

    package struct Choice: Encodable {
        package let value: String
        package let label: String
    }

    package struct Visibility: Encodable {
        package let options: [Choice]
    }

    /// A supervisor escalated it by hand and it is not final yet.
    package let escalated: Bool
    package let escalatedAt: String?
    package let escalate: Escalate?
    package let visibility: Visibility?

    package init(_ complaint: Complaint, actor: ComplaintActor, strings: [String: String]) {
        let facts = complaint.facts
        escalated = ComplaintEscalation.isStanding(escalatedAt: complaint.escalatedAt, status: facts.status)
        escalatedAt = escalated ? complaint.escalatedAt.map(WITATimestamp.string(from:)) : nil
        let stage = complaint.escalatedStage
        escalate = ComplaintEscalation.mayEscalate(actor) && ComplaintEscalation.stateRefusal(facts, escalatedStage: stage) == nil
            ? Escalate(canRaise: Priority.high < complaint.priority) : nil
        let options = ComplaintVisibilityChange.options(facts, by: actor)
        visibility = options.isEmpty ? nil : Visibility(options: options.map {
            Choice(value: $0.rawValue, label: strings["vis_\($0.rawValue)"] ?? $0.rawValue)
        })
    }
}
