/// Why a staff action beside the workflow (an escalation, a change of visibility) was refused.
/// Mapped to HTTP at the edge like ``WorkflowRefusal``.
public enum ComplaintActionRefusal: Error, Sendable, Equatable {
    /// This person may not take the action (403).
    case forbidden(LocalizedText)
    /// The complaint's state does not allow it now (409); `code` names the case for clients.
    case conflict(code: String, LocalizedText)
    /// The request lacks something or carries a value the rules refuse (422).
    case invalid(ValidationFailure)
}
