/// A change of who may see a complaint, as staff ask it: the new visibility and why.
public struct VisibilityChangeRequest: Sendable, Equatable {
    public static let maximumReasonLength = 2000

    public let visibility: ComplaintVisibility
    public let reason: String

    /// Every problem at once, field by field: `visibility` must be public, anonymous or confidential, `reason` is required.
    public init(visibility: String?, reason: String?) throws {
        var problems = ProblemList()
        let raw = visibility.trimmedNonEmpty
        let parsed = raw.flatMap { ComplaintVisibility(rawValue: $0.lowercased()) }
        if raw == nil {
            problems.add("visibility", id: "visibility wajib diisi (public, anonymous atau confidential)",
                         en: "visibility is required (public, anonymous or confidential)")
        } else if parsed == nil {
            problems.add("visibility", id: "visibility harus public, anonymous atau confidential",
                         en: "visibility must be public, anonymous or confidential")
        }
        let reason = reason.trimmedNonEmpty
        if reason == nil {
            problems.add("reason", id: "alasan perubahan visibilitas wajib diisi", en: "reason is required to change the visibility")
        } else if let reason, reason.count > Self.maximumReasonLength {
            problems.add("reason", id: "alasan maksimal \(Self.maximumReasonLength) karakter",
                         en: "reason must be at most \(Self.maximumReasonLength) characters")
        }
        try problems.check()
        self.visibility = parsed!
        self.reason = reason!
    }
}

/// Who may change a complaint's visibility, and to what.
///
/// The rules, as chosen for Denpasar:
/// - The verifiers (the communication office, which owns intake and the reporters' privacy), supervisors and
///   administrators change it either way, with a reason the trail keeps and the reporter is told.
/// - An officer of the complaint's agency may only make it more private (public → anonymous → confidential):
///   the agency is often the first to notice a name or a detail that endangers the reporter, and hiding must
///   not wait; exposing a reporter is the verifiers' decision.
/// - Everyone else (officers of other agencies, operators, citizens, the reporter) is refused (403); what
///   the caller may not read at all is "not found" before these rules are asked.
/// - Any state, final ones included: closed complaints stay in the open-data exports and the Open311 list,
///   so a privacy mistake must be mendable after the fact.
/// - Asking for the visibility it already has changes nothing and is refused (422 on `visibility`), so the
///   trail and the reporter's inbox hold only real changes.
public enum ComplaintVisibilityChange {
    /// How private a visibility is: public < anonymous < confidential.
    public static func privacy(_ visibility: ComplaintVisibility) -> Int {
        switch visibility {
        case .public: 0
        case .anonymous: 1
        case .confidential: 2
        }
    }

    /// Whether this person changes visibility on this complaint at all: verifiers, supervisors, administrators
    /// and the officers of its agency.
    public static func isEntitled(_ facts: ComplaintFacts, by actor: ComplaintActor) -> Bool {
        switch actor.role {
        case .verifier, .supervisor, .admin: true
        case .officer: actor.isOfficer(of: facts.agencyCode)
        case .citizen, .operator, nil: false
        }
    }

    /// Whether this person may set `target` (nil), or why not.
    public static func permission(_ facts: ComplaintFacts, to target: ComplaintVisibility, by actor: ComplaintActor) -> LocalizedText? {
        guard isEntitled(facts, by: actor) else {
            return LocalizedText(id: "Hanya verifikator, pimpinan, admin, atau petugas OPD yang menanganinya yang dapat mengubah visibilitas.",
                                 en: "Only verifiers, supervisors, administrators or the handling agency's officers can change the visibility.")
        }
        if actor.role == .officer && privacy(target) <= privacy(facts.visibility) {
            return LocalizedText(id: "Petugas OPD hanya dapat membuat pengaduan lebih tertutup; verifikator yang memutuskan membukanya.",
                                 en: "Agency officers can only make a complaint more private; the verifiers decide to open it.")
        }
        return nil
    }

    /// The visibilities this person may set, without the current one, least private first (what a form offers).
    public static func options(_ facts: ComplaintFacts, by actor: ComplaintActor) -> [ComplaintVisibility] {
        ComplaintVisibility.allCases.filter { $0 != facts.visibility && permission(facts, to: $0, by: actor) == nil }
    }

    /// Throws ``ComplaintActionRefusal``: 403 for who may not, 422 when nothing would change.
    public static func check(_ facts: ComplaintFacts, _ request: VisibilityChangeRequest, by actor: ComplaintActor) throws {
        guard isEntitled(facts, by: actor) else {
            throw ComplaintActionRefusal.forbidden(permission(facts, to: request.visibility, by: actor)!)
        }
        if request.visibility == facts.visibility {
            throw ComplaintActionRefusal.invalid(ValidationFailure(field: "visibility",
                id: "pengaduan ini sudah berstatus \(request.visibility.rawValue)", en: "the complaint is already \(request.visibility.rawValue)"))
        }
        if let refusal = permission(facts, to: request.visibility, by: actor) {
            throw ComplaintActionRefusal.forbidden(refusal)
        }
    }
}
