import Foundation

/// The life of a complaint: which moves exist, who may make them, and what each needs.
///
/// `submitted` → `dispatched` | `rejected` | `duplicate`; `dispatched` → `in_progress` | `referred`;
/// `referred` → back to the verifiers, who dispatch again or reject; `in_progress` ↔ `on_hold`;
/// `in_progress` → `resolved`; `resolved` → `closed` | `reopened` (within the dispute window);
/// `reopened` → `in_progress`. Nothing else.
public struct ComplaintWorkflow: Sendable {
    /// Working days after resolution in which the reporter may dispute; then it closes by itself.
    public static let disputeWindowWorkingDays = 10

    public static let moves: [ComplaintStatus: [ComplaintStatus]] = [
        .submitted: [.dispatched, .rejected, .duplicate],
        .referred: [.dispatched, .rejected],
        .dispatched: [.inProgress, .referred],
        .inProgress: [.onHold, .resolved],
        .onHold: [.inProgress],
        .resolved: [.closed, .reopened],
        .reopened: [.inProgress],
        .rejected: [], .duplicate: [], .closed: [],
    ]

    /// What each move asks for (``MoveFields``); a move not listed asks for nothing.
    public static let moveFields: [ComplaintStatus: MoveFields] = [
        .dispatched: MoveFields(offers: [.agency]),
        .rejected: MoveFields(offers: [.reason], requires: .init(
            field: .reason, satisfiedBy: [.reason],
            text: LocalizedText(id: "alasan penolakan wajib diisi", en: "a reason is required to reject a complaint"))),
        .duplicate: MoveFields(offers: [.duplicateOf], requires: .init(
            field: .duplicateOf, satisfiedBy: [.duplicateOf],
            text: LocalizedText(id: "sebutkan tiket asli yang diduplikasi", en: "name the original ticket in duplicate_of"))),
        .referred: MoveFields(offers: [.reason], requires: .init(
            field: .reason, satisfiedBy: [.reason, .note],
            text: LocalizedText(id: "jelaskan mengapa bukan wewenang instansi ini dan ke mana sebaiknya diteruskan",
                                en: "say why this is not the agency's authority and where it belongs"))),
        .onHold: MoveFields(offers: [.reason]),
        .resolved: MoveFields(offers: [.note], requires: .init(
            field: .note, satisfiedBy: [.note],
            text: LocalizedText(id: "tanggapan publik wajib diisi saat menyelesaikan pengaduan",
                                en: "a public response is required to resolve a complaint"))),
        .reopened: MoveFields(offers: [.reason], requires: .init(
            field: .reason, satisfiedBy: [.reason, .note],
            text: LocalizedText(id: "jelaskan mengapa hasilnya belum sesuai", en: "say why the result is not right"))),
    ]

    public static func fields(for move: ComplaintStatus) -> MoveFields { moveFields[move] ?? MoveFields(offers: []) }

    public let calendar: WorkingDayCalendar

    public init(calendar: WorkingDayCalendar) {
        self.calendar = calendar
    }

    /// The moves this actor may make now; what a user interface offers as buttons.
    public func availableMoves(_ facts: ComplaintFacts, for actor: ComplaintActor, at now: Date) -> [ComplaintStatus] {
        (Self.moves[facts.status] ?? []).filter { permission(facts, to: $0, actor: actor, now: now) == nil }
    }

    /// Checks a move; throws `WorkflowRefusal` naming why it cannot happen.
    public func check(_ facts: ComplaintFacts, _ request: TransitionRequest, by actor: ComplaintActor, at now: Date) throws {
        let allowed = Self.moves[facts.status] ?? []
        guard allowed.contains(request.to) else {
            throw WorkflowRefusal.illegal(from: facts.status, to: request.to, allowed: allowed)
        }
        if let refusal = permission(facts, to: request.to, actor: actor, now: now) {
            throw WorkflowRefusal.forbidden(refusal)
        }
        if let problem = Self.fields(for: request.to).problem(with: request) {
            throw WorkflowRefusal.invalid(ValidationFailure([problem]))
        }
    }

    /// nil when the actor may make the move, else the reason they may not.
    private func permission(_ facts: ComplaintFacts, to target: ComplaintStatus, actor: ComplaintActor, now: Date) -> LocalizedText? {
        switch (facts.status, target) {
        case (.submitted, _), (.referred, _):
            return actor.role == .verifier ? nil
                : LocalizedText(id: "Hanya verifikator yang memverifikasi dan meneruskan pengaduan.",
                                en: "Only verifiers verify and dispatch complaints.")
        case (.dispatched, _), (.inProgress, _), (.onHold, _), (.reopened, _):
            return actor.isOfficer(of: facts.agencyCode) ? nil
                : LocalizedText(id: "Hanya petugas \(facts.agencyCode ?? "OPD") yang menindaklanjuti pengaduan ini.",
                                en: "Only officers of \(facts.agencyCode ?? "the assigned agency") act on this complaint.")
        case (.resolved, .closed):
            return actor.isReporter || actor.isSystem ? nil
                : LocalizedText(id: "Hanya pelapor yang mengonfirmasi penyelesaian.", en: "Only the reporter confirms a resolution.")
        case (.resolved, .reopened):
            guard actor.isReporter else {
                return LocalizedText(id: "Hanya pelapor yang dapat menyanggah penyelesaian.", en: "Only the reporter can dispute a resolution.")
            }
            if let resolvedAt = facts.resolvedAt, now >= disputeDeadline(resolvedAt: resolvedAt) {
                return LocalizedText(id: "Batas waktu sanggahan (\(Self.disputeWindowWorkingDays) hari kerja) sudah lewat.",
                                     en: "The \(Self.disputeWindowWorkingDays) working days to dispute have passed.")
            }
            return nil
        default:
            return LocalizedText(id: "Langkah ini tidak tersedia.", en: "This move is not available.")
        }
    }

    /// When a resolved complaint closes by itself if the reporter does not answer.
    public func disputeDeadline(resolvedAt: Date) -> Date {
        calendar.adding(workingDays: Self.disputeWindowWorkingDays, to: resolvedAt)
    }
}
