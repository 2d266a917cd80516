import Fluent
import Foundation

/// A bearer token a user signed in with. Only its SHA-256 is stored, so a database leak does not leak sessions.
package final class UserToken: Model, @unchecked Sendable {
    package static let schema = "user_tokens"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "user_id") package var user: User
    @Field(key: "token_hash") package var tokenHash: String
    @Field(key: "created_at") package var createdAt: Date
    @Field(key: "expires_at") package var expiresAt: Date

    package init() {}

    package init(userID: UUID, tokenHash: String, createdAt: Date, expiresAt: Date) {
        self.id = UUID()
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
