import KertaCore
import Vapor

/// Turns every error into the one JSON error shape, and never shows a client an internal detail.
///
/// Decoding failures name the field that failed, so a bad request is a 400 about that field rather than a 500.
struct KertaErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return Self.response(for: error, request: request)
        }
    }

    static func response(for error: any Error, request: Request) -> Response {
        let apiError = classify(error)
        if apiError.status.code >= 500 {
            request.logger.report(error: error)
        } else {
            request.logger.debug("\(apiError.status.code) \(apiError.code): \(apiError.message)")
        }
        let response = Response(status: apiError.status)
        if let abort = error as? any AbortError {
            for (name, value) in abort.headers { response.headers.replaceOrAdd(name: name, value: value) }
        }
        let body = ErrorBody(error: .init(code: apiError.code, message: apiError.message, fields: apiError.fields))
        try? response.content.encode(body, as: .json)
        return response
    }

    static func classify(_ error: any Error) -> APIError {
        switch error {
        case let api as APIError:
            return api
        case let validation as ValidationFailure:
            return APIError.invalid(validation.problems.map { .init(field: $0.field, message: $0.message) }, status: .unprocessableEntity)
        case let decoding as DecodingError:
            return APIError.invalid(field: decoding.fieldPath, decoding.plainMessage)
        case let abort as any AbortError:
            return APIError(abort.status, code: codeName(abort.status), message: abort.reason)
        default:
            return APIError(.internalServerError, code: "internal_error", message: "Something went wrong on our side; it has been logged.")
        }
    }

    static func codeName(_ status: HTTPResponseStatus) -> String {
        status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "'", with: "")
    }
}

extension DecodingError {
    /// The dotted path of the field that failed, e.g. `reporter.email`.
    var fieldPath: String {
        let context: Context? = switch self {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): c
        case .keyNotFound(let key, let c): Context(codingPath: c.codingPath + [key], debugDescription: c.debugDescription)
        @unknown default: nil
        }
        let path = context?.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") ?? ""
        return path.isEmpty ? "body" : path.replacingOccurrences(of: ".[", with: "[")
    }

    var plainMessage: String {
        switch self {
        case .keyNotFound: "\(fieldPath) is required"
        case .valueNotFound: "\(fieldPath) must not be null"
        case .typeMismatch(let type, _): "\(fieldPath) must be \(Self.describe(type))"
        case .dataCorrupted(let c) where c.codingPath.isEmpty: "the request body is not valid JSON"
        case .dataCorrupted: "\(fieldPath) has an invalid value"
        @unknown default: "\(fieldPath) is invalid"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type: "a number"
        case is Int.Type: "a whole number"
        case is String.Type: "text"
        case is Bool.Type: "true or false"
        default: "of type \(type)"
        }
    }
}
