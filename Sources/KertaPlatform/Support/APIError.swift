import KertaCore
import Vapor

/// An error a client can act on: a stable code, a sentence for people (Indonesian and English), and
/// the fields at fault.
///
/// Every error Kerta answers has this shape, so a form can show each message beside its field.
package struct APIError: Error, AbortError, Sendable {
    package struct FieldProblem: Sendable, Equatable {
        package let field: String
        package let text: LocalizedText

        package init(field: String, text: LocalizedText) {
            self.field = field
            self.text = text
        }

        package init(field: String, message: String) {
            self.init(field: field, text: LocalizedText(id: message, en: message))
        }
    }

    package let status: HTTPResponseStatus
    package let code: String
    package let text: LocalizedText
    package let fields: [FieldProblem]
    package var headers: HTTPHeaders = [:]

    package init(_ status: HTTPResponseStatus, code: String, text: LocalizedText, fields: [FieldProblem] = []) {
        self.status = status
        self.code = code
        self.text = text
        self.fields = fields
    }

    package init(_ status: HTTPResponseStatus, code: String, message: String, fields: [FieldProblem] = []) {
        self.init(status, code: code, text: LocalizedText(id: message, en: message), fields: fields)
    }

    package init(_ status: HTTPResponseStatus, code: String, id: String, en: String) {
        self.init(status, code: code, text: LocalizedText(id: id, en: en))
    }

    package var reason: String { text.en }

    /// A request whose fields are missing or malformed; the status is 400 for unreadable input and
    /// 422 for well-formed values the rules refuse.
    package static func invalid(_ fields: [FieldProblem], status: HTTPResponseStatus = .badRequest) -> APIError {
        let text = fields.count == 1 ? fields[0].text : LocalizedText(
            id: "\(fields.count) isian tidak valid: " + fields.map(\.field).joined(separator: ", "),
            en: "\(fields.count) fields are invalid: " + fields.map(\.field).joined(separator: ", "))
        return APIError(status, code: "invalid_input", text: text, fields: fields)
    }

    package static func invalid(field: String, _ message: String, status: HTTPResponseStatus = .badRequest) -> APIError {
        invalid([FieldProblem(field: field, message: message)], status: status)
    }

    package static func invalid(field: String, id: String, en: String, status: HTTPResponseStatus = .badRequest) -> APIError {
        invalid([FieldProblem(field: field, text: LocalizedText(id: id, en: en))], status: status)
    }

    /// The message and every field's problem as one sentence, for a page's alert box.
    package func sentence(_ language: Language) -> String {
        ([text] + fields.map(\.text)).map { $0.text(language) }.joined(separator: " ")
    }

    package static let unauthorized = APIError(.unauthorized, code: "unauthorized",
                                       id: "Silakan masuk terlebih dahulu.", en: "Please sign in first.")
    package static let forbidden = APIError(.forbidden, code: "forbidden",
                                    id: "Anda tidak berwenang melakukan ini.", en: "You may not do this.")
}
