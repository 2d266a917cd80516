import KertaCore
import Vapor

/// An error a client can act on: a stable code, a sentence for people (Indonesian and English), and
/// the fields at fault.
///
/// Every error Kerta answers has this shape, so a form can show each message beside its field.
struct APIError: Error, AbortError, Sendable {
    struct FieldProblem: Sendable, Equatable {
        let field: String
        let text: LocalizedText

        init(field: String, text: LocalizedText) {
            self.field = field
            self.text = text
        }

        init(field: String, message: String) {
            self.init(field: field, text: LocalizedText(id: message, en: message))
        }
    }

    let status: HTTPResponseStatus
    let code: String
    let text: LocalizedText
    let fields: [FieldProblem]
    var headers: HTTPHeaders = [:]

    init(_ status: HTTPResponseStatus, code: String, text: LocalizedText, fields: [FieldProblem] = []) {
        self.status = status
        self.code = code
        self.text = text
        self.fields = fields
    }

    init(_ status: HTTPResponseStatus, code: String, message: String, fields: [FieldProblem] = []) {
        self.init(status, code: code, text: LocalizedText(id: message, en: message), fields: fields)
    }

    init(_ status: HTTPResponseStatus, code: String, id: String, en: String) {
        self.init(status, code: code, text: LocalizedText(id: id, en: en))
    }

    var reason: String { text.en }

    /// A request whose fields are missing or malformed; the status is 400 for unreadable input and
    /// 422 for well-formed values the rules refuse.
    static func invalid(_ fields: [FieldProblem], status: HTTPResponseStatus = .badRequest) -> APIError {
        let text = fields.count == 1 ? fields[0].text : LocalizedText(
            id: "\(fields.count) isian tidak valid: " + fields.map(\.field).joined(separator: ", "),
            en: "\(fields.count) fields are invalid: " + fields.map(\.field).joined(separator: ", "))
        return APIError(status, code: "invalid_input", text: text, fields: fields)
    }

    static func invalid(field: String, _ message: String, status: HTTPResponseStatus = .badRequest) -> APIError {
        invalid([FieldProblem(field: field, message: message)], status: status)
    }

    static func invalid(field: String, id: String, en: String, status: HTTPResponseStatus = .badRequest) -> APIError {
        invalid([FieldProblem(field: field, text: LocalizedText(id: id, en: en))], status: status)
    }

    /// The message and every field's problem as one sentence, for a page's alert box.
    func sentence(_ language: Language) -> String {
        ([text] + fields.map(\.text)).map { $0.text(language) }.joined(separator: " ")
    }

    static let unauthorized = APIError(.unauthorized, code: "unauthorized",
                                       id: "Silakan masuk terlebih dahulu.", en: "Please sign in first.")
    static let forbidden = APIError(.forbidden, code: "forbidden",
                                    id: "Anda tidak berwenang melakukan ini.", en: "You may not do this.")
}
