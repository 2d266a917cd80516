import Fluent
import Foundation
import KertaCore
import KertaPlatform

extension ComplaintService {
    /// Moves a complaint through its workflow, if the move exists (else 409), the caller may make it
    /// (else 403) and it carries what it needs (else 422). The state, its clocks, the assignment, the
    /// audit entry, the public response and the notifications are written together.
    /// `photos` (e.g. of the finished work when resolving) are checked and stripped like a report's.
    package func transition(ticket: String, _ request: TransitionRequest, user: User?, accessKey: String?,
                    photos: [[UInt8]] = []) async throws -> Complaint {
        let (found, _) = try await find(ticket: ticket, user: user, accessKey: accessKey)
        var problems = ProblemList()
        let cleaned = clean(photos, into: &problems)
        try problems.check()
        let workflow = try await workflow()
        let deadlines = try await deadlines()
        return try await recorder.record { tx, change in
            try await Self.lock(found.requireID(), on: tx)
            guard let complaint = try await Complaint.find(found.id, on: tx) else { throw Self.notFound(ticket) }
            let actor = actor(for: complaint, user: user, accessKey: accessKey)
            let auditActor = AuditActor(user: user, fallbackName: complaint.reporterName, isReporter: actor.isReporter)
            try await apply(request, to: complaint, actor: actor, auditActor: auditActor, workflow: workflow, deadlines: deadlines,
                            on: tx, change: change)
            let existing = try await ComplaintPhoto.query(on: tx).filter(\.$complaint.$id == complaint.requireID()).count()
            for (index, photo) in cleaned.enumerated() {
                try await ComplaintPhoto(complaintID: complaint.requireID(), kind: request.to.rawValue, position: existing + index + 1,
                                         contentType: photo.format.contentType, bytes: Data(photo.bytes), createdAt: currentInstant()).create(on: tx)
            }
            return complaint
        }
    }

    /// The move itself, inside the caller's recorded change; also used by the deadline job (as Kerta).
    package func apply(_ request: TransitionRequest, to complaint: Complaint, actor: ComplaintActor, auditActor: AuditActor,
               workflow: ComplaintWorkflow, deadlines: ComplaintDeadlines, on tx: any Database, change: ChangeSet) async throws {
        let now = currentInstant()
        let from = complaint.status
        do {
            try workflow.check(complaint.facts, request, by: actor, at: now)
        } catch let refusal as WorkflowRefusal {
            throw DomainError(refusal)
        }
        var data: [String: String] = [:]
        var publicNote = request.note

        switch request.to {
        case .dispatched:
            let agency = try await dispatchAgency(request.agency, complaint: complaint, on: tx)
            if agency != complaint.agencyCode { data["agency_from"] = complaint.agencyCode ?? "" }
            data["agency"] = agency
            complaint.agencyCode = agency
            complaint.dispatchedAt = now
            complaint.firstResponseAt = nil
            complaint.resolutionDueAt = deadlines.resolutionDue(from: now, priority: complaint.priority)
        case .rejected:
            data["reason"] = request.reason
            publicNote = [request.reason, request.note].compactMap { $0 }.joined(separator: "\n\n")
            complaint.closedAt = now
        case .duplicate:
            let original = try await duplicateTarget(request.duplicateOf!, of: complaint, on: tx)
            data["duplicate_of"] = original.ticket
            complaint.duplicateOfTicket = original.ticket
            complaint.closedAt = now
            // Its reporter now follows the original.
            try await ComplaintFollower(complaintID: original.requireID(), userID: complaint.reporterUserID,
                                        email: complaint.reporterEmail, viaTicket: complaint.ticket).create(on: tx)
            publicNote = publicNote ?? "Pengaduan yang sama sudah ditangani sebagai \(original.ticket). / The same problem is handled as \(original.ticket)."
        case .inProgress, .referred:
            if complaint.firstResponseAt == nil { complaint.firstResponseAt = now }
            if request.to == .referred {
                data["reason"] = request.reason ?? request.note
                if let suggested = request.agency { data["suggested_agency"] = suggested }
            }
        case .onHold:
            data["reason"] = request.reason ?? request.note
        case .resolved:
            complaint.resolvedAt = now
            complaint.publicResponse = request.note
        case .closed:
            complaint.closedAt = now
        case .reopened:
            complaint.reopenCount += 1
            complaint.resolvedAt = nil
            complaint.closedAt = nil
            data["reason"] = request.reason ?? request.note
            complaint.resolutionDueAt = deadlines.resolutionDue(from: now, priority: complaint.priority)
        case .submitted:
            break
        }
        complaint.status = request.to
        complaint.dueAt = deadlines.stageDue(entering: request.to, at: now, priority: complaint.priority,
                                             resolutionDue: complaint.resolutionDueAt)
        complaint.overdueAt = nil
        complaint.updatedAt = now

        let note = [request.note, request.reason].compactMap { $0 }.first
        change.audit(.transition, of: complaint, by: auditActor, from: from, to: request.to, note: note, data: data, at: now)
        if let publicNote, !publicNote.isEmpty {
            try await ComplaintUpdate(complaintID: complaint.requireID(), authorID: auditActor.id.flatMap(UUID.init(uuidString:)),
                                      authorRole: auditActor.role ?? "system", authorName: auditActor.name,
                                      body: publicNote, isInternal: false, createdAt: now).create(on: tx)
        }
        try await complaint.update(on: tx)
        try await notifier(tx, change).statusChanged(complaint, to: request.to, note: publicNote, at: now)
        change.announce(.moved(to: request.to), of: complaint, at: now)
    }

    private func dispatchAgency(_ requested: String?, complaint: Complaint, on tx: any Database) async throws -> String {
        if let requested {
            guard let agency = try await Agency.find(requested, on: tx), agency.active else {
                throw DomainError.input(field: "agency", id: "tidak ada instansi dengan kode \(requested)",
                                        en: "there is no agency with code \(requested)")
            }
            return try agency.requireID()
        }
        if let current = complaint.agencyCode, complaint.status == .submitted { return current }
        guard let category = try await Category.find(complaint.categoryCode, on: tx) else { return complaint.agencyCode ?? "" }
        return try await routeAgency(category: category, kecamatan: complaint.kecamatanCode)
    }

    private func duplicateTarget(_ ticket: String, of complaint: Complaint, on tx: any Database) async throws -> Complaint {
        guard ticket != complaint.ticket else {
            throw DomainError.input(field: "duplicate_of", id: "pengaduan tidak dapat menduplikasi dirinya sendiri",
                                    en: "a complaint cannot duplicate itself")
        }
        guard let number = TicketNumber(ticket),
              let original = try await Complaint.query(on: tx).filter(\.$ticket == number.description).first() else {
            throw DomainError.input(field: "duplicate_of", id: "tiket \(ticket) tidak ditemukan", en: "ticket \(ticket) was not found")
        }
        guard original.status.isOpen || original.status == .resolved else {
            throw DomainError.input(field: "duplicate_of", id: "tiket \(ticket) sudah tidak aktif (\(original.status.rawValue))",
                                    en: "ticket \(ticket) is no longer open (\(original.status.rawValue))")
        }
        return original
    }
}
