import KertaCore
import Vapor

extension APIError {
    /// The HTTP answer to a refusal of the rules: decided here, at the edge, and nowhere in a service.
    package init(_ error: DomainError) {
        let status: HTTPResponseStatus = switch error.kind {
        case .notFound: .notFound
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .conflict: .conflict
        case .invalid: .unprocessableEntity
        case .malformed: .badRequest
        case .tooManyAttempts: .tooManyRequests
        case .fault: .internalServerError
        }
        self.init(status, code: error.code, text: error.text, fields: error.problems.map { FieldProblem(field: $0.field, text: $0.text) })
        if case .tooManyAttempts(let seconds) = error.kind { headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
    }
}
