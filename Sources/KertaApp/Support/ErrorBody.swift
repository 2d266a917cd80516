import Vapor

/// The JSON body of every error: `{"error": {"code", "message", "fields": [{"field", "message"}]}}`.
struct ErrorBody: Content {
    struct Detail: Content {
        let code: String
        let message: String
        let fields: [APIError.FieldProblem]
    }

    let error: Detail
}
