import Foundation

/// The life of an alarm: which moves exist, who may make them, and what each needs. A rule, no I/O.
///
/// `open` → `acknowledged` | `shelved` | `resolved`; `acknowledged` → `in_progress` | `resolved` | `shelved`;
/// `in_progress` → `resolved` | `shelved`; `resolved` → `closed`; `shelved` → `open` (when its time is up,
/// by Kerta) | `acknowledged`. A repeat of a resolved alarm's cause opens it again (``AlarmWorkflow/repeatState(of:)``).
public enum AlarmWorkflow {
    public static let moves: [AlarmState: [AlarmState]] = [
        .open: [.acknowledged, .shelved, .resolved],
        .acknowledged: [.inProgress, .resolved, .shelved],
        .inProgress: [.resolved, .shelved],
        .resolved: [.closed],
        .shelved: [.acknowledged],
        .closed: [],
    ]

    /// Shelving is for a known nuisance during a known while, not for hiding an alarm for good.
    public static let longestShelving: TimeInterval = 24 * 3600

    /// The command room's roles act on alarms; an agency's officers see theirs but do not.
    public static func mayAct(_ role: Role?) -> Bool {
        switch role {
        case .operator, .supervisor, .admin: true
        default: false
        }
    }

    public static func availableMoves(from state: AlarmState, role: Role?) -> [AlarmState] {
        mayAct(role) ? moves[state] ?? [] : []
    }

    /// Checks a move; throws a ``DomainError`` naming why it cannot happen.
    public static func check(from state: AlarmState, _ move: AlarmTransition, role: Role?, at now: Date) throws {
        guard mayAct(role) else {
            throw DomainError(.forbidden, code: "forbidden", id: "Hanya operator, pimpinan dan admin yang menangani alarm.",
                              en: "Only operators, supervisors and admins handle alarms.")
        }
        let allowed = moves[state] ?? []
        guard allowed.contains(move.to) else {
            let options = allowed.isEmpty ? "-" : allowed.map(\.rawValue).joined(separator: ", ")
            throw DomainError(.conflict, code: "illegal_transition",
                              id: "Alarm tidak dapat berpindah dari \(state.rawValue) ke \(move.to.rawValue); yang mungkin: \(options).",
                              en: "The alarm cannot move from \(state.rawValue) to \(move.to.rawValue); possible: \(options).")
        }
        guard move.to == .shelved else { return }
        var problems = ProblemList()
        if move.reason == nil { problems.add("reason", id: "alasan penundaan wajib diisi", en: "a reason is required to shelve an alarm") }
        if let until = move.until {
            if until <= now { problems.add("until", id: "batas penundaan harus di masa depan", en: "until must be in the future") }
            else if until.timeIntervalSince(now) > longestShelving {
                problems.add("until", id: "alarm ditunda paling lama 24 jam", en: "an alarm is shelved for 24 hours at most")
            }
        } else {
            problems.add("until", id: "sebutkan sampai kapan alarm ditunda", en: "say until when the alarm is shelved")
        }
        if !problems.isEmpty { throw DomainError.input(problems.problems) }
    }

    /// What a repeat of the cause does to an alarm: counts again, and brings a resolved one back to open.
    public static func repeatState(of state: AlarmState) -> AlarmState {
        state == .resolved ? .open : state
    }
}
