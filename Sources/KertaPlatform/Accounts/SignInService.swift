import Fluent
import Foundation
import KertaCore
import Vapor

/// Checks a password and issues a bearer token. Failures are counted per address in the database (so
/// every server sees them); after five in fifteen minutes the address must wait, which makes guessing
/// slow without locking a resident out for long.
package struct SignInService {
    package static let failureWindow: TimeInterval = 15 * 60
    package static let allowedFailures = 5
    package static let tokenLifetime: TimeInterval = 30 * 24 * 3600

    package let db: any Database
    package let hasher: AsyncPasswordHasher
    package var now: @Sendable () -> Date

    package init(db: any Database, hasher: AsyncPasswordHasher, now: @escaping @Sendable () -> Date) {
        self.db = db
        self.hasher = hasher
        self.now = now
    }

    package struct Issued {
        package let token: String
        package let user: User
    }

    package func signIn(email rawEmail: String?, password: String?) async throws -> Issued {
        let user = try await authenticate(email: rawEmail, password: password)
        let token = Digest.randomSecret()
        try await UserToken(userID: user.requireID(), tokenHash: Digest.sha256Hex(token), createdAt: now(),
                            expiresAt: now().addingTimeInterval(Self.tokenLifetime)).create(on: db)
        return Issued(token: token, user: user)
    }

    /// The user with this email and password, counting failures (the API and the sign-in page share the count).
    package func authenticate(email rawEmail: String?, password: String?) async throws -> User {
        var problems = ProblemList()
        let email = rawEmail.trimmedNonEmpty?.lowercased()
        if email == nil { problems.add("email", id: "email wajib diisi", en: "email is required") }
        if password.trimmedNonEmpty == nil { problems.add("password", id: "kata sandi wajib diisi", en: "password is required") }
        if !problems.isEmpty {
            throw DomainError.input(problems.problems, kind: .malformed)
        }
        let windowStart = now().addingTimeInterval(-Self.failureWindow)
        let recent = try await LoginFailure.query(on: db).filter(\.$email == email!).filter(\.$at > windowStart).sort(\.$at).all()
        if recent.count >= Self.allowedFailures {
            let retryAfter = max(1, Int(recent[recent.count - Self.allowedFailures].at.addingTimeInterval(Self.failureWindow).timeIntervalSince(now()).rounded(.up)))
            throw DomainError(.tooManyAttempts(retryAfterSeconds: retryAfter), code: "too_many_attempts",
                              id: "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam \(retryAfter / 60 + 1) menit.",
                              en: "Too many failed sign-in attempts. Try again in \(retryAfter / 60 + 1) minutes.")
        }
        let user = try await User.query(on: db).filter(\.$email == email!).filter(\.$active == true).first()
        // A hash is checked even for an unknown address, so response time does not reveal which addresses exist.
        let hash = user?.passwordHash ?? "$2b$04$C6UzMDM.H6dfI/f/IKxGhuK0xqzjWCs2.cx2vVc4V6g7ChZXKDi6K"
        let matches = (try? await hasher.verify(password!, created: hash).get()) ?? false
        guard let user, matches else {
            try await LoginFailure(email: email!, at: now()).create(on: db)
            throw DomainError(.unauthenticated, code: "invalid_credentials",
                              id: "Email atau kata sandi salah.", en: "Wrong email or password.")
        }
        try await LoginFailure.query(on: db).filter(\.$email == email!).delete()
        return user
    }
}
