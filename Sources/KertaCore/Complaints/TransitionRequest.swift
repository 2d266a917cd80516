import Foundation

/// A move asked of the workflow, with what the move may need.
public struct TransitionRequest: Sendable, Equatable {
    public var to: ComplaintStatus
    /// A note for the reporter and the public; required as the response when resolving.
    public var note: String?
    /// The agency to dispatch to (defaults to the category's).
    public var agency: String?
    /// The open ticket this one duplicates.
    public var duplicateOf: String?
    /// Why it is rejected, referred or disputed.
    public var reason: String?

    public init(to: ComplaintStatus, note: String? = nil, agency: String? = nil, duplicateOf: String? = nil, reason: String? = nil) {
        self.to = to
        self.note = note.trimmedNonEmpty
        self.agency = agency.trimmedNonEmpty?.uppercased()
        self.duplicateOf = duplicateOf.trimmedNonEmpty?.uppercased()
        self.reason = reason.trimmedNonEmpty
    }
}

extension Optional where Wrapped == String {
    /// nil for absent, empty or blank text.
    public var trimmedNonEmpty: String? {
        guard let value = self?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
