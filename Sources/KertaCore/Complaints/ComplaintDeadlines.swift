import Foundation

/// The clocks of a complaint, in working days (WITA), as SP4N-LAPOR! and the service standards set them.
public struct ComplaintDeadlines: Sendable {
    /// The communication office verifies and dispatches within 3 working days.
    public static let verificationWorkingDays = 3
    /// The agency gives its first response within 5 working days of dispatch.
    public static let firstResponseWorkingDays = 5

    public let calendar: WorkingDayCalendar

    public init(calendar: WorkingDayCalendar) {
        self.calendar = calendar
    }

    public func verificationDue(from start: Date) -> Date {
        calendar.adding(workingDays: Self.verificationWorkingDays, to: start)
    }

    public func firstResponseDue(dispatchedAt: Date) -> Date {
        calendar.adding(workingDays: Self.firstResponseWorkingDays, to: dispatchedAt)
    }

    public func resolutionDue(from start: Date, priority: Priority) -> Date {
        calendar.adding(workingDays: priority.resolutionWorkingDays, to: start)
    }

    /// The deadline of the stage a complaint enters: what the city owes next, and by when.
    /// `firstResponseDue` is the dispatched stage's clock; the resolution clock runs beside it.
    public func stageDue(entering status: ComplaintStatus, at now: Date, priority: Priority,
                         resolutionDue: Date?) -> Date? {
        switch status {
        case .submitted, .referred: verificationDue(from: now)
        case .dispatched: firstResponseDue(dispatchedAt: now)
        case .inProgress, .onHold: resolutionDue ?? self.resolutionDue(from: now, priority: priority)
        case .reopened: self.resolutionDue(from: now, priority: priority)
        case .resolved: calendar.adding(workingDays: ComplaintWorkflow.disputeWindowWorkingDays, to: now)
        case .rejected, .duplicate, .closed: nil
        }
    }
}
