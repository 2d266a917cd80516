/// Input that breaks a rule, with a message per field, so every caller (API, form, command line) can
/// show each problem where it belongs, in the reader's language.
public struct ValidationFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Problem: Equatable, Sendable {
        public let field: String
        public let text: LocalizedText

        public init(field: String, text: LocalizedText) {
            self.field = field
            self.text = text
        }

        /// For messages that have no Indonesian wording yet (operator tools); shown as written.
        public init(field: String, message: String) {
            self.init(field: field, text: LocalizedText(id: message, en: message))
        }

        /// The English message, as the command line shows it.
        public var message: String { text.en }
    }

    public let problems: [Problem]

    public init(_ problems: [Problem]) {
        self.problems = problems
    }

    public init(field: String, _ message: String) {
        self.init([Problem(field: field, message: message)])
    }

    public init(field: String, id: String, en: String) {
        self.init([Problem(field: field, text: LocalizedText(id: id, en: en))])
    }

    public var description: String {
        problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
    }
}

/// Collects problems across all fields before failing, so a form shows every mistake at once.
public struct ProblemList: Sendable {
    public private(set) var problems: [ValidationFailure.Problem] = []

    public init() {}

    public mutating func add(_ field: String, id: String, en: String) {
        problems.append(.init(field: field, text: LocalizedText(id: id, en: en)))
    }

    public var isEmpty: Bool { problems.isEmpty }

    public func check() throws {
        if !problems.isEmpty { throw ValidationFailure(problems) }
    }
}
