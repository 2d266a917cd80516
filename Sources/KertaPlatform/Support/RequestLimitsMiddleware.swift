import Vapor

/// Applies ``RequestLimits`` before a route reads anything: the declared body size, the query string's
/// length. JSON depth and multipart parts are checked where bodies are decoded (``LimitedContentDecoder``).
package struct RequestLimitsMiddleware: AsyncMiddleware {
    package let limits: RequestLimits

    package init(limits: RequestLimits) {
        self.limits = limits
    }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let query = request.url.query, query.utf8.count > limits.query {
            throw APIError.invalid(field: "query", id: "alamat (query) melebihi batas \(limits.query) byte",
                                   en: "the query string is longer than the limit of \(limits.query) bytes")
        }
        // Photos travel only in multipart forms; routes that take none keep their own smaller cap.
        let limit = request.headers.contentType?.subType == "form-data" ? limits.uploadBody : limits.body
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > limit {
            throw APIError.tooLarge(limit: limit)
        }
        do {
            return try await next.respond(to: request)
        } catch let abort as any AbortError where abort.status == .payloadTooLarge && !(abort is APIError) {
            // A body sent without Content-Length (chunked) was cut off while being read.
            throw APIError.tooLarge(limit: limit)
        }
    }
}
