/// Why the workflow refused a move.
public enum WorkflowRefusal: Error, Sendable, Equatable {
    /// The move does not exist from this state (409).
    case illegal(from: ComplaintStatus, to: ComplaintStatus, allowed: [ComplaintStatus])
    /// The move exists, but this person may not make it (403).
    case forbidden(LocalizedText)
    /// The move needs something the request lacks (422).
    case invalid(ValidationFailure)
}
