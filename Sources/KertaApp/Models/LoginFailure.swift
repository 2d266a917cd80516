import Fluent
import Foundation

/// A failed sign-in, kept for a while so repeated guessing is slowed down across all servers.
final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "at") var at: Date

    init() {}

    init(email: String, at: Date) {
        self.id = UUID()
        self.email = email
        self.at = at
    }
}
