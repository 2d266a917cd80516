import Fluent
import Foundation
import KertaCore
import SQLKit
import KertaPlatform

/// Builds what a caller sees of a complaint, applying the privacy rules field by field.
package struct ComplaintPresenter {
    package let db: any Database
    package let workflow: ComplaintWorkflow
    package let caches: KertaCaches
    /// When the moves offered are decided.
    package let now: Date

    package func view(_ complaint: Complaint, actor: ComplaintActor, photoURL: (UUID) -> String) async throws -> ComplaintView {
        let facts = complaint.facts
        let id = try complaint.requireID()
        let catalog = try await caches.catalog(on: db)
        let category = catalog.categories[complaint.categoryCode]
        let agency = complaint.agencyCode.flatMap { catalog.agencies[$0] }
        let showInternal = ComplaintAccess.canSeeInternal(facts, by: actor)
        // SQL text, not Fluent's builder: its reflection and identifier escaping were most of a complaint
        // page's CPU (BENCHMARKS.md).
        let sql = db as! any SQLDatabase
        let internalFilter: SQLQueryString = showInternal ? "" : " AND \"internal\" = \(bind: false)"
        let updates = try await sql.raw("""
            SELECT "author_id", "author_role", "author_name", "body", "internal", "created_at" FROM "complaint_updates"
            WHERE "complaint_id" = \(bind: id)
            """ + internalFilter + " ORDER BY \"created_at\"").all().map(PresentedUpdate.init(row:))
        let photos = try await sql.raw("""
            SELECT "id" FROM "complaint_photos" WHERE "complaint_id" = \(bind: id) ORDER BY "kind", "position"
            """).all().map { try $0.decode(column: "id", as: UUID.self) }

        let showName = ComplaintAccess.canSeeReporterName(facts, by: actor)
        let showContacts = ComplaintAccess.canSeeContacts(facts, by: actor)
        let reporter: ComplaintView.Reporter? = (showName || showContacts) ? ComplaintView.Reporter(
            name: showName ? complaint.reporterName : nil,
            email: showContacts ? complaint.reporterEmail : nil,
            phone: showContacts ? complaint.reporterPhone : nil) : nil
        let anonymousLabel = "Anonim"
        let escalated = ComplaintEscalation.isStanding(escalatedAt: complaint.escalatedAt, status: complaint.status)

        return ComplaintView(
            ticket: complaint.ticket,
            status: complaint.status,
            statusLabel: complaint.status.label,
            category: complaint.categoryCode,
            categoryName: category.map { LocalizedText(id: $0.nameID, en: $0.nameEN) },
            agency: complaint.agencyCode,
            agencyName: agency?.nameID,
            area: AreaRef(complaint),
            location: .init(lat: complaint.latitude, lon: complaint.longitude, address: complaint.address),
            description: complaint.text,
            visibility: complaint.visibility,
            reporter: reporter,
            submittedAt: WITATimestamp.string(from: complaint.submittedAt),
            updatedAt: WITATimestamp.string(from: complaint.updatedAt),
            dueAt: complaint.dueAt.map(WITATimestamp.string(from:)),
            resolutionDueAt: complaint.resolutionDueAt.map(WITATimestamp.string(from:)),
            overdue: complaint.overdueAt != nil,
            escalated: escalated,
            escalatedAt: escalated ? complaint.escalatedAt.map(WITATimestamp.string(from:)) : nil,
            dispatchedAt: complaint.dispatchedAt.map(WITATimestamp.string(from:)),
            resolvedAt: complaint.resolvedAt.map(WITATimestamp.string(from:)),
            closedAt: complaint.closedAt.map(WITATimestamp.string(from:)),
            publicResponse: complaint.publicResponse,
            duplicateOf: complaint.duplicateOfTicket,
            photos: photos.map(photoURL),
            updates: updates.map { update in
                let isReporterUpdate = update.authorRole == "reporter" || (update.authorID != nil && update.authorID == complaint.reporterUserID)
                let author = isReporterUpdate && !showName ? anonymousLabel : update.authorName
                return .init(author: author, role: update.authorRole, body: update.body, internal: update.isInternal,
                             at: WITATimestamp.string(from: update.createdAt))
            },
            rating: complaint.ratingStars.map { .init(stars: $0, comment: complaint.ratingComment) },
            isReporter: actor.isReporter,
            availableTransitions: workflow.availableMoves(facts, for: actor, at: now).map(\.rawValue))
    }

    /// The trail for staff and the reporter; the reporter does not see internal notes' entries.
    package func history(_ complaint: Complaint, actor: ComplaintActor) async throws -> [HistoryEntry] {
        let showInternal = ComplaintAccess.canSeeInternal(complaint.facts, by: actor)
        let showName = ComplaintAccess.canSeeReporterName(complaint.facts, by: actor)
        let entries = try await AuditEntry.query(on: db).filter(\.$subjectID == complaint.requireID()).sort(\.$position).all()
        return entries.compactMap { entry in
            let data = entry.data.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }
            if !showInternal, data?["internal"] == "true" { return nil }
            let isReporterEntry = entry.actorRole == "reporter" || (entry.actorID != nil && entry.actorID == complaint.reporterUserID?.uuidString.lowercased())
            return HistoryEntry(position: entry.position, action: entry.action, at: WITATimestamp.string(from: entry.recordedAt),
                                actor: isReporterEntry && !showName ? "Anonim" : (entry.actorName ?? "?"), role: entry.actorRole,
                                from: entry.fromStatus, to: entry.toStatus, note: entry.note, data: data,
                                hash: entry.hash, previousHash: entry.previousHash)
        }
    }
}

extension Optional {
    package func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
