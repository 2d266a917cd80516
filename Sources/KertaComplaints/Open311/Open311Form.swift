import KertaCore
import Vapor
import KertaPlatform

/// The fields of a posted Open311 request; the parsing itself is KertaCore's (pure, and fuzzed).
package typealias Open311Form = Open311FormFields

extension Open311FormFields {
    /// Reads the body as its content type says: multipart with `media` files, or form-encoded.
    package static func read(_ req: Request) throws -> Open311FormFields {
        let type = req.headers.contentType
        if type?.type == "multipart" {
            guard let boundary = type?.parameters["boundary"], let body = req.body.data else {
                throw Open311Error(.badRequest, "the multipart body has no boundary")
            }
            do {
                return try .multipart(Array(body.readableBytesView), boundary: boundary)
            } catch {
                throw Open311Error(.badRequest, "the multipart body has no parts")
            }
        }
        return .urlEncoded(req.body.string ?? "")
    }
}
