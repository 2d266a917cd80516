import Fluent
import Foundation
import KertaCore
import KertaPlatform

/// Composes the messages a change sends and queues them in its ``ChangeSet`` (the recorder writes them in
/// the change's transaction): to the reporter and the
/// complaint's followers, or to the supervisors for an escalation. Written in Indonesian with English
/// beneath, as residents and visitors both report.
package struct Notifier {
    /// For reading who to tell; nothing is written here.
    package let db: any Database
    package let change: ChangeSet
    package let publicURL: String

    /// `mayHaveFollowers` is false for a complaint being filed: nobody can follow it yet, so nobody is looked up.
    package func statusChanged(_ complaint: Complaint, to status: ComplaintStatus, note: String?, at now: Date, mayHaveFollowers: Bool = true) async throws {
        let link = "\(publicURL)/complaints/\(complaint.ticket)"
        let label = status.label
        var body = """
            Pengaduan \(complaint.ticket) kini berstatus: \(label.id).
            """
        if let note { body += "\n\n\(note)" }
        body += """


            Ikuti perkembangannya: \(link)

            —
            Complaint \(complaint.ticket) is now: \(label.en).
            Follow it at \(link)
            """
        for recipient in try await recipients(of: complaint, followers: mayHaveFollowers) {
            change.message(OutboxMessage(recipient: recipient, subject: "[\(complaint.ticket)] \(label.id) / \(label.en)",
                                         body: body, ticket: complaint.ticket, at: now))
        }
    }

    package func escalated(_ complaint: Complaint, stage: ComplaintStatus, dueAt: Date, at now: Date) async throws {
        let supervisors = try await User.query(on: db).filter(\.$role == Role.supervisor).filter(\.$active == true).all()
        let due = WITATimestamp.string(from: dueAt)
        for supervisor in supervisors {
            change.message(OutboxMessage(
                recipient: supervisor.email,
                subject: "[\(complaint.ticket)] Melewati batas waktu / Overdue",
                body: """
                    Pengaduan \(complaint.ticket) (\(complaint.agencyCode ?? "belum diteruskan")) pada tahap "\(stage.label.id)" melewati batas waktu \(due).
                    Complaint \(complaint.ticket) in stage "\(stage.label.en)" passed its deadline \(due).

                    \(publicURL)/complaints/\(complaint.ticket)
                    """,
                ticket: complaint.ticket, at: now))
        }
    }

    /// The reporter's address and every follower's, each once.
    private func recipients(of complaint: Complaint, followers lookUp: Bool) async throws -> [String] {
        var addresses: [String] = []
        if let email = complaint.reporterEmail { addresses.append(email) }
        var userIDs: [UUID] = []
        if let reporter = complaint.reporterUserID { userIDs.append(reporter) }
        // Followers came while the complaint was public; once it is confidential only its reporter hears of it.
        let followers = lookUp && complaint.visibility != .confidential
            ? try await ComplaintFollower.query(on: db).filter(\.$complaintID == complaint.id!).all() : []
        addresses += followers.compactMap(\.email)
        userIDs += followers.compactMap(\.userID)
        if !userIDs.isEmpty {
            addresses += try await User.query(on: db).filter(\.$id ~~ userIDs).all().map(\.email)
        }
        var seen = Set<String>()
        return addresses.map { $0.lowercased() }.filter { seen.insert($0).inserted }
    }
}
