/// What a workflow move asks of the person making it: the fields a form offers, and the one it will
/// not go without. The workflow checks a request against it and every form (console, API client,
/// command line) is built from it, so a rule changed here changes what each of them asks.
public struct MoveFields: Sendable, Equatable {
    public enum Field: String, Sendable, CaseIterable {
        case note, reason, agency
        case duplicateOf = "duplicate_of"
    }

    /// A field that must be filled; a request filling any of `satisfiedBy` meets it.
    public struct Requirement: Sendable, Equatable {
        /// The field a refusal names.
        public let field: Field
        public let satisfiedBy: Set<Field>
        public let text: LocalizedText
    }

    public let offered: Set<Field>
    public let requirement: Requirement?

    public init(offers offered: Set<Field>, requires requirement: Requirement? = nil) {
        self.offered = offered
        self.requirement = requirement
    }

    public func offers(_ field: Field) -> Bool { offered.contains(field) }

    /// The refusal of a request that leaves the required field empty, or nil.
    public func problem(with request: TransitionRequest) -> ValidationFailure.Problem? {
        guard let requirement else { return nil }
        let filled = requirement.satisfiedBy.contains { field in
            switch field {
            case .note: request.note != nil
            case .reason: request.reason != nil
            case .agency: request.agency != nil
            case .duplicateOf: request.duplicateOf != nil
            }
        }
        return filled ? nil : ValidationFailure.Problem(field: requirement.field.rawValue, text: requirement.text)
    }
}
