import Foundation

/// A supervisor's escalation as asked: why, and optionally a more urgent priority.
public struct EscalationRequest: Sendable, Equatable {
    public static let maximumReasonLength = 2000
    /// What an escalation may raise a complaint to: `high` (2 working days), or `critical` (1) for an emergency.
    public static let raisablePriorities: [Priority] = [.high, .critical]

    public let reason: String
    /// nil keeps the complaint's priority.
    public let priority: Priority?

    /// Every problem at once, field by field: `reason` is required, `priority` must be `high` or `critical`.
    public init(reason: String?, priority: String?) throws {
        var problems = ProblemList()
        let reason = reason.trimmedNonEmpty
        if reason == nil {
            problems.add("reason", id: "alasan eskalasi wajib diisi", en: "reason is required to escalate a complaint")
        } else if let reason, reason.count > Self.maximumReasonLength {
            problems.add("reason", id: "alasan maksimal \(Self.maximumReasonLength) karakter",
                         en: "reason must be at most \(Self.maximumReasonLength) characters")
        }
        var parsed: Priority?
        if let raw = priority.trimmedNonEmpty {
            if let value = Priority(rawValue: raw.lowercased()), Self.raisablePriorities.contains(value) {
                parsed = value
            } else {
                problems.add("priority", id: "priority hanya dapat dinaikkan menjadi high atau critical",
                             en: "priority can only be raised to high or critical")
            }
        }
        try problems.check()
        self.reason = reason!
        self.priority = parsed
    }
}

/// Escalation by hand: a supervisor (or an administrator) draws the leadership's attention to an open
/// complaint, beside the deadline job's automatic escalation of overdue ones.
///
/// The rules a city expects, as chosen for Denpasar:
/// - Only supervisors (the inspectorate, heads of office) and administrators escalate; the agency cannot
///   escalate its own work, and the verifiers route, they do not judge it.
/// - Only an open complaint (`submitted`, `dispatched`, `in_progress`, `referred`, `on_hold`, `reopened`):
///   a resolved one waits for its reporter, who alone may dispute it; closed, rejected and duplicate ones
///   are final. Each is a 409.
/// - Once per stage, as the deadline job does: a second escalation in the same stage would only repeat the
///   messages (a double click, two supervisors at once) and is a 409; after the complaint moves on it may be
///   escalated again.
/// - The escalation stands — the `escalated` flag the console shows — until the complaint is final
///   (closed, rejected, duplicate): resolving it does not end it, since the reporter may still dispute.
/// - Raising the priority never gives the agency more time: the resolution deadline becomes the earlier of
///   the one it had and the new priority's counted from now (working days, WITA), and the clock of the
///   stage the agency is in (first response, resolution) is pulled in to it when it was later. A complaint
///   not yet dispatched only changes priority: dispatch counts the resolution deadline from it. An
///   escalation never lowers a priority.
public struct ComplaintEscalation: Sendable {
    public let deadlines: ComplaintDeadlines

    public init(deadlines: ComplaintDeadlines) {
        self.deadlines = deadlines
    }

    /// What an escalation changes on the complaint.
    public struct Outcome: Sendable, Equatable {
        public var priority: Priority
        public var dueAt: Date?
        public var resolutionDueAt: Date?
        /// Whether the request raised the priority (false when it asked for none, or for a lower or equal one).
        public var raisedPriority: Bool

        public init(priority: Priority, dueAt: Date?, resolutionDueAt: Date?, raisedPriority: Bool) {
            self.priority = priority
            self.dueAt = dueAt
            self.resolutionDueAt = resolutionDueAt
            self.raisedPriority = raisedPriority
        }
    }

    /// Whether this person escalates complaints at all (what a user interface offers the form to).
    public static func mayEscalate(_ actor: ComplaintActor) -> Bool {
        actor.role == .supervisor || actor.role == .admin
    }

    /// Whether a complaint escalated by hand at `escalatedAt` is still escalated in this status.
    public static func isStanding(escalatedAt: Date?, status: ComplaintStatus) -> Bool {
        escalatedAt != nil && !status.isTerminal
    }

    /// Throws ``ComplaintActionRefusal`` naming why this complaint cannot be escalated by this person now.
    /// `escalatedStage` is the status the complaint had when it was last escalated by hand, if it was.
    public static func check(_ facts: ComplaintFacts, escalatedStage: ComplaintStatus?, by actor: ComplaintActor) throws {
        guard mayEscalate(actor) else {
            throw ComplaintActionRefusal.forbidden(LocalizedText(id: "Hanya pimpinan (supervisor) yang dapat mengeskalasi pengaduan.",
                                                                 en: "Only supervisors can escalate a complaint."))
        }
        if let refusal = stateRefusal(facts, escalatedStage: escalatedStage) { throw refusal }
    }

    /// Whether the complaint's state allows an escalation now (nil) or the 409 it answers.
    public static func stateRefusal(_ facts: ComplaintFacts, escalatedStage: ComplaintStatus?) -> ComplaintActionRefusal? {
        if facts.status == .resolved {
            return .conflict(code: "not_open", LocalizedText(
                id: "Pengaduan sudah diselesaikan; hanya pelapor yang dapat menyanggahnya dalam \(ComplaintWorkflow.disputeWindowWorkingDays) hari kerja.",
                en: "The complaint is resolved; only its reporter may dispute it within \(ComplaintWorkflow.disputeWindowWorkingDays) working days."))
        }
        guard facts.status.isOpen else {
            return .conflict(code: "not_open", LocalizedText(
                id: "Pengaduan berstatus \(facts.status.label.id) sudah final dan tidak dapat dieskalasi.",
                en: "A complaint that is \(facts.status.label.en.lowercased()) is final and cannot be escalated."))
        }
        if escalatedStage == facts.status {
            return .conflict(code: "already_escalated", LocalizedText(
                id: "Pengaduan ini sudah dieskalasi pada tahap \(facts.status.label.id).",
                en: "This complaint was already escalated in stage \(facts.status.label.en)."))
        }
        return nil
    }

    /// The priority and clocks after the escalation (see the rules above).
    public func outcome(of request: EscalationRequest, status: ComplaintStatus, priority: Priority,
                        dueAt: Date?, resolutionDueAt: Date?, at now: Date) -> Outcome {
        var outcome = Outcome(priority: priority, dueAt: dueAt, resolutionDueAt: resolutionDueAt, raisedPriority: false)
        guard let requested = request.priority, requested < priority else { return outcome }
        outcome.priority = requested
        outcome.raisedPriority = true
        guard let current = resolutionDueAt else { return outcome }
        let sooner = min(current, deadlines.resolutionDue(from: now, priority: requested))
        outcome.resolutionDueAt = sooner
        if status.isWithAgency, let due = dueAt { outcome.dueAt = min(due, sooner) }
        return outcome
    }
}
