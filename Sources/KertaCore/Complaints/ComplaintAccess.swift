/// Who may read what of a complaint. Refusing to read is answered as "not found", so outsiders cannot
/// even learn that a confidential complaint exists.
public enum ComplaintAccess {
    public static func canRead(_ facts: ComplaintFacts, by actor: ComplaintActor) -> Bool {
        if facts.visibility != .confidential || actor.isReporter || actor.isSystem { return true }
        switch actor.role {
        case .verifier, .supervisor, .admin: return true
        case .officer: return actor.isOfficer(of: facts.agencyCode)
        case .citizen, .operator, nil: return false
        }
    }

    /// Anonymous reports hide the name from everyone but the verifiers (and the reporter).
    public static func canSeeReporterName(_ facts: ComplaintFacts, by actor: ComplaintActor) -> Bool {
        if actor.isReporter || actor.role == .verifier { return true }
        switch facts.visibility {
        case .anonymous: return false
        case .public: return true
        case .confidential: return actor.role?.isStaff == true
        }
    }

    /// Contact details are never public: the verifiers, and for named reports the staff who follow them up.
    public static func canSeeContacts(_ facts: ComplaintFacts, by actor: ComplaintActor) -> Bool {
        if actor.isReporter || actor.role == .verifier { return true }
        guard facts.visibility != .anonymous else { return false }
        switch actor.role {
        case .supervisor, .admin: return true
        case .officer: return actor.isOfficer(of: facts.agencyCode)
        default: return false
        }
    }

    /// Internal notes and the staff side of the history.
    public static func canSeeInternal(_ facts: ComplaintFacts, by actor: ComplaintActor) -> Bool {
        guard let role = actor.role, role.isStaff, canRead(facts, by: actor) else { return false }
        return true
    }

    /// The audit trail: the staff and the reporter.
    public static func canSeeHistory(_ facts: ComplaintFacts, by actor: ComplaintActor) -> Bool {
        actor.isReporter || canSeeInternal(facts, by: actor)
    }

    /// Adding a public response or an internal note: the staff who handle it, and the reporter (public replies only).
    public static func canAddUpdate(_ facts: ComplaintFacts, by actor: ComplaintActor, isInternal: Bool) -> Bool {
        switch actor.role {
        case .verifier, .supervisor: return true
        case .officer: return actor.isOfficer(of: facts.agencyCode)
        default: return !isInternal && actor.isReporter && !facts.status.isTerminal
        }
    }
}
