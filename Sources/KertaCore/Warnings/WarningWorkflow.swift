import Foundation

/// The two-person rule of a public warning: one person drafts, a second approves, then it is published.
/// A warning reaches every phone in its area, so no one person can send one alone — not even an admin.
/// A rule, no I/O.
public enum WarningWorkflow {
    public enum Move: String, Sendable, Codable, CaseIterable {
        case approve, publish, withdraw
    }

    /// The command room drafts and publishes; approving is for supervisors and admins.
    public static func mayDraft(_ role: Role?) -> Bool {
        switch role {
        case .operator, .supervisor, .admin: true
        default: false
        }
    }

    public static func mayApprove(_ role: Role?) -> Bool {
        role == .supervisor || role == .admin
    }

    /// Checks a move on a warning drafted by `drafter` (and approved by `approver`, when it was).
    public static func check(_ move: Move, state: WarningState, drafter: UUID, approver: UUID?, by user: UUID, role: Role?) throws {
        guard mayDraft(role) else {
            throw DomainError(.forbidden, code: "forbidden", id: "Hanya petugas ruang kendali yang menangani peringatan.",
                              en: "Only command-room staff handle warnings.")
        }
        switch move {
        case .approve:
            guard state == .draft else { throw illegal(move, state) }
            guard mayApprove(role) else {
                throw DomainError(.forbidden, code: "approver_role", id: "Persetujuan peringatan oleh pimpinan atau admin.",
                                  en: "A warning is approved by a supervisor or an admin.")
            }
            guard user != drafter else {
                throw DomainError(.forbidden, code: "two_person_rule", id: "Penyusun tidak boleh menyetujui peringatannya sendiri.",
                                  en: "The person who drafted a warning cannot approve it.")
            }
        case .publish:
            guard state == .approved, approver != nil else {
                throw DomainError(.conflict, code: "not_approved", id: "Peringatan harus disetujui orang kedua sebelum terbit.",
                                  en: "A warning must be approved by a second person before it is published.")
            }
        case .withdraw:
            guard state == .draft || state == .approved else { throw illegal(move, state) }
        }
    }

    private static func illegal(_ move: Move, _ state: WarningState) -> DomainError {
        DomainError(.conflict, code: "illegal_transition", id: "Peringatan berstatus \(state.label.id.lowercased()) tidak dapat di-\(move.rawValue).",
                    en: "A \(state.label.en.lowercased()) warning cannot be \(move == .approve ? "approved" : move == .publish ? "published" : "withdrawn").")
    }
}
