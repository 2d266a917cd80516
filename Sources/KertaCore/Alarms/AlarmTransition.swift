import Foundation

/// A move asked of an alarm, with what the move may need.
public struct AlarmTransition: Sendable, Equatable {
    public var to: AlarmState
    public var note: String?
    /// Why it is shelved; required to shelve.
    public var reason: String?
    /// Until when it is shelved; required to shelve, in the future and at most ``AlarmWorkflow/longestShelving`` ahead.
    public var until: Date?

    public init(to: AlarmState, note: String? = nil, reason: String? = nil, until: Date? = nil) {
        self.to = to
        self.note = note.trimmedNonEmpty
        self.reason = reason.trimmedNonEmpty
        self.until = until
    }
}
