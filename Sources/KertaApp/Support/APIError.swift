import Vapor

/// An error a client can act on: a stable code, a sentence for people, and the fields at fault.
///
/// Every error Kerta answers has this shape, so a form can show each message beside its field.
struct APIError: Error, AbortError, Sendable {
    struct FieldProblem: Content, Equatable {
        let field: String
        let message: String
    }

    let status: HTTPResponseStatus
    let code: String
    let message: String
    let fields: [FieldProblem]

    init(_ status: HTTPResponseStatus, code: String, message: String, fields: [FieldProblem] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
    }

    var reason: String { message }

    /// A request whose fields are missing or malformed; the status is 400 for unreadable input and
    /// 422 for well-formed values the rules refuse.
    static func invalid(_ fields: [FieldProblem], status: HTTPResponseStatus = .badRequest) -> APIError {
        let message = fields.count == 1 ? fields[0].message : "\(fields.count) fields are invalid: " + fields.map(\.field).joined(separator: ", ")
        return APIError(status, code: "invalid_input", message: message, fields: fields)
    }

    static func invalid(field: String, _ message: String, status: HTTPResponseStatus = .badRequest) -> APIError {
        invalid([FieldProblem(field: field, message: message)], status: status)
    }
}
