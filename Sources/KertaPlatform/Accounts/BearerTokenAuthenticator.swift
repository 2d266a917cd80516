import Fluent
import Foundation
import Vapor

/// Signs a request in from `Authorization: Bearer <token>`; an unknown or expired token leaves it signed out.
package struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    package init() {}

    package func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let hash = Digest.sha256Hex(bearer.token)
        guard let token = try await UserToken.query(on: request.db).filter(\.$tokenHash == hash).with(\.$user).first(),
              token.expiresAt > request.now, token.user.active else { return }
        request.auth.login(token.user)
    }
}
