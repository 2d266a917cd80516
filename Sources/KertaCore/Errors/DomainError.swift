/// A refusal or failure of Kerta's rules, in words for people, that says nothing of how it is answered.
///
/// Services throw it; each edge decides the answer: the JSON API and the pages a status code
/// (``Kind`` maps one to one), Open311 its own error list, the console a line on standard error.
/// So a rule moved between channels never carries HTTP with it.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No such thing, or none this viewer may know of.
        case notFound
        /// Who asks must be known first.
        case unauthenticated
        /// Known, and not allowed.
        case forbidden
        /// The thing's present state does not allow it (a move not open now, a second rating).
        case conflict
        /// Well-formed values the rules refuse, with the fields at fault.
        case invalid
        /// Input that cannot be read as what it should be (a header too long, a missing field).
        case malformed
        /// Too many attempts; the caller may try again after this many seconds.
        case tooManyAttempts(retryAfterSeconds: Int)
        /// Kerta's own failure; the words are for the log, the caller learns only that it failed.
        case fault
    }

    public let kind: Kind
    /// Stable, for programs: `not_found`, `illegal_transition`, `already_rated`, ….
    public let code: String
    public let text: LocalizedText
    public let problems: [ValidationFailure.Problem]

    public init(_ kind: Kind, code: String, text: LocalizedText, problems: [ValidationFailure.Problem] = []) {
        self.kind = kind
        self.code = code
        self.text = text
        self.problems = problems
    }

    public init(_ kind: Kind, code: String, id: String, en: String) {
        self.init(kind, code: code, text: LocalizedText(id: id, en: en))
    }

    public var description: String { ([code + ": " + text.en] + problems.map { "\($0.field): \($0.message)" }).joined(separator: "; ") }

    /// Input refused field by field; `kind` is ``Kind/invalid`` for values the rules refuse and
    /// ``Kind/malformed`` for input that cannot be read.
    public static func input(_ problems: [ValidationFailure.Problem], kind: Kind = .invalid) -> DomainError {
        let text = problems.count == 1 ? problems[0].text : LocalizedText(
            id: "\(problems.count) isian tidak valid: " + problems.map(\.field).joined(separator: ", "),
            en: "\(problems.count) fields are invalid: " + problems.map(\.field).joined(separator: ", "))
        return DomainError(kind, code: "invalid_input", text: text, problems: problems)
    }

    public static func input(field: String, id: String, en: String, kind: Kind = .invalid) -> DomainError {
        input([ValidationFailure.Problem(field: field, text: LocalizedText(id: id, en: en))], kind: kind)
    }

    public init(_ failure: ValidationFailure) {
        self = .input(failure.problems)
    }

    public static let unauthenticated = DomainError(.unauthenticated, code: "unauthorized",
                                                    id: "Silakan masuk terlebih dahulu.", en: "Please sign in first.")
    public static let forbidden = DomainError(.forbidden, code: "forbidden",
                                              id: "Anda tidak berwenang melakukan ini.", en: "You may not do this.")
}
