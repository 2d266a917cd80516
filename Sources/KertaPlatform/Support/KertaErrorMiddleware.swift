import KertaCore
import Vapor

/// Turns every error into the one JSON error shape, and never shows a client an internal detail.
///
/// Decoding failures name the field that failed, so a bad request is a 400 about that field rather than a 500.
package struct KertaErrorMiddleware: AsyncMiddleware {
    package init() {}

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return Self.response(for: error, request: request)
        }
    }

    package static func response(for error: any Error, request: Request) -> Response {
        let apiError = classify(error)
        if apiError.code == APIError.databaseUnavailableCode {
            request.logger.warning("503 \(apiError.code): \(String(reflecting: error))")
        } else if apiError.status == .serviceUnavailable {
            // Shedding and stopping are decisions, not faults; under overload a line each would flood the log.
            request.logger.debug("503 \(apiError.code)")
        } else if apiError.status.code >= 500 {
            request.logger.report(error: error)
        } else {
            request.logger.debug("\(apiError.status.code) \(apiError.code): \(apiError.text.en)")
        }
        let response = Response(status: apiError.status)
        // Retry-After, WWW-Authenticate and the like matter to browsers and programs alike.
        for (name, value) in apiError.headers { response.headers.replaceOrAdd(name: name, value: value) }
        if wantsPage(request) {
            response.headers.contentType = .html
            response.body = .init(string: page(apiError, language: request.language))
            return response
        }
        let body = ErrorBody(apiError, language: request.language)
        try? response.content.encode(body, as: .json)
        return response
    }

    /// People in a browser get a page, programs get JSON.
    package static func wantsPage(_ request: Request) -> Bool {
        let path = request.url.path
        guard !path.hasPrefix("/api/"), !path.hasPrefix("/open311/") else { return false }
        return request.headers.first(name: .accept)?.contains("text/html") == true
    }

    package static func page(_ error: APIError, language: Language) -> String {
        let title = error.status == .notFound ? (language == .english ? "Not found" : "Tidak ditemukan")
            : (error.status == .forbidden ? (language == .english ? "Not allowed" : "Tidak diizinkan") : "Kerta")
        let message = error.text.text(language).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return """
            <!doctype html><html lang="\(language.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Kerta</title><link rel="stylesheet" href="/css/kerta.css"></head><body><main id="main">
            <h1>\(title)</h1><p class="alert" role="alert">\(message)</p><p><a href="/">\(language == .english ? "Back to the home page" : "Kembali ke beranda")</a></p>
            </main></body></html>
            """
    }

    package static func classify(_ error: any Error) -> APIError {
        switch error {
        case let api as APIError:
            return api
        case let domain as DomainError:
            return APIError(domain)
        case let validation as ValidationFailure:
            return APIError.invalid(validation.problems.map { .init(field: $0.field, text: $0.text) }, status: .unprocessableEntity)
        case let decoding as DecodingError:
            return APIError.invalid([.init(field: decoding.fieldPath, text: decoding.plainMessage)])
        case let abort as any AbortError:
            var api = APIError(abort.status, code: codeName(abort.status), message: abort.reason)
            api.headers = abort.headers
            return api
        case _ where DatabaseOutage.matches(error):
            return .databaseUnavailable(retryAfter: DatabaseOutage.retryAfter)
        default:
            return APIError(.internalServerError, code: "internal_error",
                            id: "Terjadi kesalahan di pihak kami; sudah dicatat.", en: "Something went wrong on our side; it has been logged.")
        }
    }

    package static func codeName(_ status: HTTPResponseStatus) -> String {
        status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "'", with: "")
    }
}

extension DecodingError {
    /// The dotted path of the field that failed, e.g. `reporter.email`.
    package var fieldPath: String {
        let context: Context? = switch self {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): c
        case .keyNotFound(let key, let c): Context(codingPath: c.codingPath + [key], debugDescription: c.debugDescription)
        @unknown default: nil
        }
        let path = context?.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") ?? ""
        return path.isEmpty ? "body" : path.replacingOccurrences(of: ".[", with: "[")
    }

    package var plainMessage: LocalizedText {
        let f = fieldPath
        switch self {
        case .keyNotFound: return LocalizedText(id: "\(f) wajib diisi", en: "\(f) is required")
        case .valueNotFound: return LocalizedText(id: "\(f) tidak boleh kosong (null)", en: "\(f) must not be null")
        case .typeMismatch(let type, _):
            let kind = Self.describe(type)
            return LocalizedText(id: "\(f) harus berupa \(kind.id)", en: "\(f) must be \(kind.en)")
        case .dataCorrupted(let c) where c.codingPath.isEmpty:
            return LocalizedText(id: "isi permintaan bukan JSON yang sah", en: "the request body is not valid JSON")
        case .dataCorrupted: return LocalizedText(id: "nilai \(f) tidak sah", en: "\(f) has an invalid value")
        @unknown default: return LocalizedText(id: "\(f) tidak sah", en: "\(f) is invalid")
        }
    }

    private static func describe(_ type: Any.Type) -> LocalizedText {
        switch type {
        case is Double.Type, is Float.Type: LocalizedText(id: "angka", en: "a number")
        case is Int.Type: LocalizedText(id: "bilangan bulat", en: "a whole number")
        case is String.Type: LocalizedText(id: "teks", en: "text")
        case is Bool.Type: LocalizedText(id: "true atau false", en: "true or false")
        default: LocalizedText(id: "bertipe \(type)", en: "of type \(type)")
        }
    }
}
