import KertaCore
import Vapor
import KertaPlatform

/// An error answered as GeoReport v2 wants it: the HTTP status it assigns (404 unknown resource,
/// 403 API key, 400 anything else) and a list of `{code, description}`.
package struct Open311Error: Error {
    package let status: HTTPResponseStatus
    package let errors: [(code: Int, description: String)]
    /// `Retry-After` and the like, kept from the error it was made from.
    package var headers: HTTPHeaders = [:]

    package init(_ status: HTTPResponseStatus, _ description: String) {
        self.status = status
        self.errors = [(Int(status.code), description)]
    }

    package init(_ status: HTTPResponseStatus, errors: [(code: Int, description: String)]) {
        self.status = status
        self.errors = errors
    }

    package var node: Open311Node {
        .list(element: "error", errors.map { .object([("code", .integer($0.code)), ("description", .string($0.description))]) })
    }

    /// Any failure inside the Open311 routes, in the specification's terms. Kerta's own errors keep
    /// their field messages, one error per field.
    package static func from(_ error: any Error, language: Language) -> Open311Error {
        switch error {
        case let open311 as Open311Error:
            return open311
        default:
            let api = KertaErrorMiddleware.classify(error)
            let status: HTTPResponseStatus = switch api.status {
            case .notFound: .notFound
            case .forbidden, .unauthorized: .forbidden
            case .tooManyRequests: .tooManyRequests
            case .internalServerError: .internalServerError
            // The specification has no word for "come back later"; HTTP's own is the one clients know.
            case .serviceUnavailable: .serviceUnavailable
            case .payloadTooLarge: .payloadTooLarge
            default: .badRequest
            }
            let errors = api.fields.isEmpty
                ? [(Int(status.code), api.text.text(language))]
                : api.fields.map { (Int(status.code), "\($0.field): \($0.text.text(language))") }
            var open311 = Open311Error(status, errors: errors)
            open311.headers = api.headers
            return open311
        }
    }
}
