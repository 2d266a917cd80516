/// Input that breaks a rule, with a message per field, so every caller (API, form, command line) can
/// show each problem where it belongs.
public struct ValidationFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Problem: Equatable, Sendable {
        public let field: String
        public let message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public let problems: [Problem]

    public init(_ problems: [Problem]) {
        self.problems = problems
    }

    public init(field: String, _ message: String) {
        self.init([Problem(field: field, message: message)])
    }

    public var description: String {
        problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
    }
}
