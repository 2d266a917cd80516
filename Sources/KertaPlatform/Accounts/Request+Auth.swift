import KertaCore
import Vapor

extension Request {
    /// The signed-in user, if any.
    package var user: User? { auth.get(User.self) }

    /// The signed-in user, or 401.
    package func requireUser() throws -> User {
        guard let user else { throw DomainError.unauthenticated }
        return user
    }

    /// A reporter who is not signed in proves it is their complaint with the key given at submission,
    /// in the `X-Access-Key` header (or `?key=` in links from notification e-mails).
    package var complaintAccessKey: String? {
        headers.first(name: "X-Access-Key") ?? queryText("key")
    }
}
