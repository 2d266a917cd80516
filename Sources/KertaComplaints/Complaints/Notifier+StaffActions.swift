import Fluent
import Foundation
import KertaCore
import KertaPlatform

/// The messages of the staff actions beside the workflow: an escalation by hand, a change of visibility.
/// Queued in the change's set, Indonesian first with English beneath, like the others.
extension Notifier {
    /// To whoever holds the complaint — its agency's officers while the agency does, the verifiers while it
    /// waits for verification — and to the other supervisors; the one who escalated is not told of it.
    package func escalatedByHand(_ complaint: Complaint, reason: String, by user: User, raisedPriority: Bool, at now: Date) async throws {
        let status = complaint.status
        var holders = User.query(on: db).filter(\.$active == true)
        if status.isWithAgency, let agency = complaint.agencyCode {
            holders = holders.group(.or) { group in
                group.filter(\.$role == Role.supervisor)
                    .group(.and) { $0.filter(\.$role == Role.officer).filter(\.$agency.$id == agency) }
            }
        } else {
            holders = holders.filter(\.$role ~~ [Role.supervisor, Role.verifier])
        }
        var seen = Set([user.email.lowercased()])
        let recipients = try await holders.sort(\.$email).all().map { $0.email.lowercased() }.filter { seen.insert($0).inserted }
        let link = "\(publicURL)/console/complaints/\(complaint.ticket)"
        let due = complaint.dueAt.map(WITATimestamp.string(from:)) ?? "-"
        let priority = raisedPriority
            ? "Prioritas dinaikkan menjadi \(complaint.priority); batas waktu tahap ini: \(due).\n"
            : "Batas waktu tahap ini: \(due).\n"
        let priorityEN = raisedPriority
            ? "Priority raised to \(complaint.priority); this stage is due \(due).\n"
            : "This stage is due \(due).\n"
        let body = """
            Pengaduan \(complaint.ticket) (\(complaint.agencyCode ?? "belum diteruskan"), tahap "\(status.label.id)") dieskalasi oleh \(user.name).
            Alasan: \(reason)
            \(priority)
            —
            Complaint \(complaint.ticket) (\(complaint.agencyCode ?? "not dispatched"), stage "\(status.label.en)") was escalated by \(user.name).
            Reason: \(reason)
            \(priorityEN)
            \(link)
            """
        for recipient in recipients {
            change.message(OutboxMessage(recipient: recipient, subject: "[\(complaint.ticket)] Dieskalasi / Escalated",
                                         body: body, ticket: complaint.ticket, at: now))
        }
    }

    /// To the reporter (by the address they gave and their account's), with the reason.
    package func visibilityChanged(_ complaint: Complaint, from old: ComplaintVisibility, reason: String, at now: Date) async throws {
        var addresses: [String] = []
        if let email = complaint.reporterEmail { addresses.append(email) }
        if let account = complaint.reporterUserID, let user = try await User.find(account, on: db) { addresses.append(user.email) }
        var seen = Set<String>()
        let recipients = addresses.map { $0.lowercased() }.filter { seen.insert($0).inserted }
        guard !recipients.isEmpty else { return }
        let new = complaint.visibility
        let link = "\(publicURL)/complaints/\(complaint.ticket)"
        let body = """
            Siapa yang dapat melihat pengaduan \(complaint.ticket) diubah dari \(Self.label(old).id) menjadi \(Self.label(new).id): \(Self.meaning(new).id)
            Alasan: \(reason)

            \(link)

            —
            Who may see complaint \(complaint.ticket) changed from \(Self.label(old).en) to \(Self.label(new).en): \(Self.meaning(new).en)
            Reason: \(reason)
            """
        for recipient in recipients {
            change.message(OutboxMessage(recipient: recipient, subject: "[\(complaint.ticket)] Visibilitas diubah / Visibility changed",
                                         body: body, ticket: complaint.ticket, at: now))
        }
    }

    package static func label(_ visibility: ComplaintVisibility) -> LocalizedText {
        switch visibility {
        case .public: LocalizedText(id: "Publik", en: "Public")
        case .anonymous: LocalizedText(id: "Anonim", en: "Anonymous")
        case .confidential: LocalizedText(id: "Rahasia", en: "Confidential")
        }
    }

    package static func meaning(_ visibility: ComplaintVisibility) -> LocalizedText {
        switch visibility {
        case .public: LocalizedText(id: "semua orang melihat laporan dan nama Anda; kontak Anda tidak pernah ditampilkan.",
                                    en: "everyone sees the report and your name; your contacts are never shown.")
        case .anonymous: LocalizedText(id: "laporan terlihat publik, nama Anda hanya diketahui verifikator.",
                                       en: "the report is public, your name is known only to the verifiers.")
        case .confidential: LocalizedText(id: "hanya Anda dan petugas yang menangani yang dapat melihat laporan ini.",
                                          en: "only you and the staff handling it can see this report.")
        }
    }
}
