import Fluent
import Foundation

/// A key an outside system uses: a civic app or SP4N-LAPOR! posting Open311 requests, a gauge writing
/// SensorThings observations. Only its SHA-256 is stored; the key is shown once, when it is created.
package final class ApiKey: Model, @unchecked Sendable {
    package static let schema = "api_keys"

    @ID(key: .id) package var id: UUID?
    @Field(key: "name") package var name: String
    @Field(key: "key_hash") package var keyHash: String
    /// The first characters of the key, so an operator can tell keys apart without the secret.
    @Field(key: "prefix") package var prefix: String
    /// Requests per minute this key may post.
    @Field(key: "rate_per_minute") package var ratePerMinute: Int
    @Field(key: "scope") package var scope: ApiKeyScope
    @Field(key: "created_at") package var createdAt: Date
    @OptionalField(key: "revoked_at") package var revokedAt: Date?

    package init() {}

    package init(name: String, keyHash: String, prefix: String, ratePerMinute: Int, scope: ApiKeyScope, createdAt: Date) {
        self.id = UUID()
        self.scope = scope
        self.name = name
        self.keyHash = keyHash
        self.prefix = prefix
        self.ratePerMinute = ratePerMinute
        self.createdAt = createdAt
    }
}
