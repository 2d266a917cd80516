import KertaCore
import Vapor

/// The JSON body of every error: `{"error": {"code", "message", "fields": [{"field", "message"}]}}`,
/// in the language the client prefers.
struct ErrorBody: Content {
    struct Field: Content {
        let field: String
        let message: String
    }

    struct Detail: Content {
        let code: String
        let message: String
        let fields: [Field]
    }

    let error: Detail

    init(_ error: APIError, language: Language) {
        self.error = Detail(code: error.code, message: error.text.text(language),
                            fields: error.fields.map { Field(field: $0.field, message: $0.text.text(language)) })
    }
}
