import Foundation
import KertaCore

/// A refused SensorThings request, in the words the standard's clients show their users. The edge answers
/// each kind with its status (400, 401, 403, 404, 405, 409) and `{"code":…,"type":"error","message":…}`.
struct STAError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Kind: Sendable, Equatable { case badRequest, unauthorized, forbidden, notFound, methodNotAllowed, conflict, tooManyRequests }
    let kind: Kind
    let message: String

    static func bad(_ message: String) -> STAError { STAError(kind: .badRequest, message: message) }
    static func notFound(_ message: String) -> STAError { STAError(kind: .notFound, message: message) }
    var description: String { message }
}
