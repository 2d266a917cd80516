import KertaCore
import Vapor

/// The JSON body of every error: `{"error": {"code", "message", "fields": [{"field", "message"}]}}`,
/// in the language the client prefers.
package struct ErrorBody: Content {
    package struct Field: Content {
        package let field: String
        package let message: String
    }

    package struct Detail: Content {
        package let code: String
        package let message: String
        package let fields: [Field]
    }

    package let error: Detail

    package init(_ error: APIError, language: Language) {
        self.error = Detail(code: error.code, message: error.text.text(language),
                            fields: error.fields.map { Field(field: $0.field, message: $0.text.text(language)) })
    }
}
