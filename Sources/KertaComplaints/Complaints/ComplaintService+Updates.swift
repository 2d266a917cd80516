import Fluent
import Foundation
import KertaCore
import KertaPlatform

extension ComplaintService {
    /// A public response, a reporter's reply, or a staff-only internal note.
    package func addUpdate(ticket: String, body: String?, isInternal: Bool, user: User?, accessKey: String?) async throws -> ComplaintUpdate {
        guard let body = body.trimmedNonEmpty, body.count <= 4000 else {
            throw DomainError.input(field: "body", id: "isi tanggapan wajib diisi (maksimal 4000 karakter)",
                                    en: "body is required (at most 4000 characters)")
        }
        let (found, actor) = try await find(ticket: ticket, user: user, accessKey: accessKey)
        guard ComplaintAccess.canAddUpdate(found.facts, by: actor, isInternal: isInternal) else { throw DomainError.forbidden }
        let now = currentInstant()
        return try await recorder.record { tx, change in
            try await Self.lock(found.requireID(), on: tx)
            guard let complaint = try await Complaint.find(found.id, on: tx) else { throw Self.notFound(ticket) }
            let auditActor = AuditActor(user: user, fallbackName: complaint.reporterName, isReporter: actor.isReporter)
            let update = ComplaintUpdate(complaintID: try complaint.requireID(), authorID: user?.id, authorRole: auditActor.role ?? "reporter",
                                         authorName: auditActor.name, body: body, isInternal: isInternal, createdAt: now)
            try await update.create(on: tx)
            // An officer's first public word counts as the agency's first response.
            if !isInternal, actor.role == .officer, complaint.firstResponseAt == nil, complaint.dispatchedAt != nil {
                complaint.firstResponseAt = now
            }
            complaint.updatedAt = now
            change.audit(.update, of: complaint, by: auditActor, note: isInternal ? nil : body,
                         data: ["internal": isInternal ? "true" : "false", "update": update.id!.uuidString.lowercased()], at: now)
            try await complaint.update(on: tx)
            if !isInternal && !actor.isReporter {
                try await notifier(tx, change).statusChanged(complaint, to: complaint.status, note: body, at: now)
            }
            change.announce(isInternal ? .noted : .responded, of: complaint, at: now)
            return update
        }
    }

    /// The reporter's stars for the handling, once, after it was resolved.
    package func rate(ticket: String, stars: Int, comment: String?, user: User?, accessKey: String?) async throws -> Complaint {
        var problems = ProblemList()
        if !(1...5).contains(stars) { problems.add("stars", id: "nilai harus 1 sampai 5 bintang", en: "stars must be from 1 to 5") }
        let comment = comment.trimmedNonEmpty
        if let comment, comment.count > 2000 { problems.add("comment", id: "komentar maksimal 2000 karakter", en: "comment must be at most 2000 characters") }
        try problems.check()
        let (found, actor) = try await find(ticket: ticket, user: user, accessKey: accessKey)
        guard actor.isReporter else {
            throw DomainError(.forbidden, code: "forbidden", id: "Hanya pelapor yang dapat memberi penilaian.", en: "Only the reporter can rate.")
        }
        guard found.status == .resolved || found.status == .closed, found.resolvedAt != nil else {
            throw DomainError(.conflict, code: "not_resolved", id: "Penilaian diberikan setelah pengaduan diselesaikan.",
                           en: "A rating is given after the complaint is resolved.")
        }
        guard found.ratingStars == nil else {
            throw DomainError(.conflict, code: "already_rated", id: "Pengaduan ini sudah dinilai.", en: "This complaint has been rated already.")
        }
        let now = currentInstant()
        return try await recorder.record { tx, change in
            try await Self.lock(found.requireID(), on: tx)
            guard let complaint = try await Complaint.find(found.id, on: tx) else { throw Self.notFound(ticket) }
            guard complaint.ratingStars == nil else {
                throw DomainError(.conflict, code: "already_rated", id: "Pengaduan ini sudah dinilai.", en: "This complaint has been rated already.")
            }
            complaint.ratingStars = stars
            complaint.ratingComment = comment
            complaint.updatedAt = now
            change.audit(.rating, of: complaint, by: AuditActor(user: user, fallbackName: complaint.reporterName, isReporter: true),
                         note: comment, data: ["stars": String(stars)], at: now)
            try await complaint.update(on: tx)
            change.announce(.rated(stars: stars), of: complaint, at: now)
            return complaint
        }
    }
}
