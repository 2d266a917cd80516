import Fluent
import Foundation

/// A failed sign-in, kept for a while so repeated guessing is slowed down across all servers.
package final class LoginFailure: Model, @unchecked Sendable {
    package static let schema = "login_failures"

    @ID(key: .id) package var id: UUID?
    @Field(key: "email") package var email: String
    @Field(key: "at") package var at: Date

    package init() {}

    package init(email: String, at: Date) {
        self.id = UUID()
        self.email = email
        self.at = at
    }
}
