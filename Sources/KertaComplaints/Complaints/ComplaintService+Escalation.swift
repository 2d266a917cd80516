import Fluent
import Foundation
import KertaCore
import KertaPlatform

extension ComplaintService {
    /// A supervisor (or an administrator) escalates an open complaint by hand, with a reason
    /// (``ComplaintEscalation`` holds the rules: 403 for others, 409 for a final, resolved or already
    /// escalated complaint, 422 for a missing reason). The mark, the raised priority and pulled-in
    /// deadlines, the audit entry and the messages to the complaint's holders and the supervisors are
    /// written in one transaction.
    ///
    /// The audit entry is a staff entry (`"internal": "true"`): the reason often concerns the agency's
    /// people, so the reporter's history does not show it; everyone sees the `escalated` flag.
    package func escalate(ticket: String, _ request: EscalationRequest, user: User?) async throws -> Complaint {
        guard let user else { throw DomainError.unauthenticated }
        let (found, _) = try await find(ticket: ticket, user: user, accessKey: nil)
        let rules = ComplaintEscalation(deadlines: try await deadlines())
        return try await recorder.record { tx, change in
            try await Self.lock(found.requireID(), on: tx)
            guard let complaint = try await Complaint.find(found.id, on: tx) else { throw Self.notFound(ticket) }
            let actor = actor(for: complaint, user: user, accessKey: nil)
            do {
                try ComplaintEscalation.check(complaint.facts, escalatedStage: complaint.escalatedStage,
                                              by: actor)
            } catch let refusal as ComplaintActionRefusal {
                throw DomainError(refusal)
            }
            let now = currentInstant()
            let stage = complaint.status
            let outcome = rules.outcome(of: request, status: stage, priority: complaint.priority,
                                        dueAt: complaint.dueAt, resolutionDueAt: complaint.resolutionDueAt, at: now)
            var data = ["stage": stage.rawValue, "manual": "true", "internal": "true"]
            if outcome.raisedPriority {
                data["priority_from"] = complaint.priority.rawValue
                data["priority"] = outcome.priority.rawValue
            }
            if outcome.resolutionDueAt != complaint.resolutionDueAt, let due = outcome.resolutionDueAt {
                data["resolution_due_at"] = WITATimestamp.string(from: due)
            }
            if outcome.dueAt != complaint.dueAt, let due = outcome.dueAt {
                data["due_at"] = WITATimestamp.string(from: due)
            }
            complaint.priority = outcome.priority
            complaint.resolutionDueAt = outcome.resolutionDueAt
            complaint.dueAt = outcome.dueAt
            complaint.escalatedAt = now
            complaint.escalatedStage = stage
            complaint.updatedAt = now
            change.audit(.escalated, of: complaint, by: AuditActor(user: user, fallbackName: user.name, isReporter: false),
                         note: request.reason, data: data, at: now)
            try await complaint.update(on: tx)
            change.announce(.escalated, of: complaint, at: now)
            try await notifier(tx, change).escalatedByHand(complaint, reason: request.reason, by: user, raisedPriority: outcome.raisedPriority, at: now)
            return complaint
        }
    }
}
