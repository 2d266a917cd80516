import Fluent
import Foundation
import KertaCore
import KertaPlatform

extension ComplaintService {
    /// Staff change who may see a complaint, with a reason (``ComplaintVisibilityChange`` holds the rules:
    /// 404 for what the caller may not read, 403 for who may not change it, 422 for no change). The new
    /// visibility, its audit entry and the message to the reporter are written in one transaction; every
    /// reader (the page, the lists, the exports, Open311) asks the database, so outsiders' views follow at once —
    /// except the home page's newest complaints, cleared here at once and on other servers within five seconds.
    package func changeVisibility(ticket: String, _ request: VisibilityChangeRequest, user: User?) async throws -> Complaint {
        guard let user else { throw DomainError.unauthenticated }
        let (found, _) = try await find(ticket: ticket, user: user, accessKey: nil)
        let changed = try await recorder.record { tx, change in
            try await Self.lock(found.requireID(), on: tx)
            guard let complaint = try await Complaint.find(found.id, on: tx) else { throw Self.notFound(ticket) }
            let actor = actor(for: complaint, user: user, accessKey: nil)
            do {
                try ComplaintVisibilityChange.check(complaint.facts, request, by: actor)
            } catch let refusal as ComplaintActionRefusal {
                throw DomainError(refusal)
            }
            let now = currentInstant()
            let old = complaint.visibility
            complaint.visibility = request.visibility
            complaint.updatedAt = now
            change.audit(.visibility, of: complaint, by: AuditActor(user: user, fallbackName: user.name, isReporter: false),
                         note: request.reason, data: ["visibility_from": old.rawValue, "visibility": request.visibility.rawValue], at: now)
            try await complaint.update(on: tx)
            try await notifier(tx, change).visibilityChanged(complaint, from: old, reason: request.reason, at: now)
            // Its earlier public events leave the public log with it.
            if request.visibility == .confidential {
                change.withdrawFromPublic(subjectType: Complaint.auditSubjectType, id: try complaint.requireID().uuidString.lowercased(),
                                          to: .confidential(complaint.agencyCode))
            }
            change.announce(.visibilityChanged, of: complaint, at: now)
            return complaint
        }
        await caches.recentCards.removeAll()
        return changed
    }
}
