import KertaCore
import Vapor

/// `POST /api/v1/auth/token`: a bearer token for an email and password.
package struct AuthController: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        routes.grouped("auth").post("token", use: token)
    }

    @Sendable package func token(req: Request) async throws -> TokenResponse {
        let body = try req.content.decode(TokenRequest.self)
        let issued = try await SignInService(db: req.db, hasher: req.password.async, now: req.application.currentTime).signIn(email: body.email, password: body.password)
        return TokenResponse(token: issued.token, role: issued.user.role, agency: issued.user.$agency.id, name: issued.user.name,
                             expiresAt: WITATimestamp.string(from: req.now.addingTimeInterval(SignInService.tokenLifetime)))
    }
}
