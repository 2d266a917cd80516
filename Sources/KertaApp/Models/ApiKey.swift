import Fluent
import Foundation

/// A key an outside system (SP4N-LAPOR!, a civic app) posts Open311 requests with. Only its SHA-256 is
/// stored; the key is shown once, when it is created.
final class ApiKey: Model, @unchecked Sendable {
    static let schema = "api_keys"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "key_hash") var keyHash: String
    /// The first characters of the key, so an operator can tell keys apart without the secret.
    @Field(key: "prefix") var prefix: String
    /// Requests per minute this key may post.
    @Field(key: "rate_per_minute") var ratePerMinute: Int
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(name: String, keyHash: String, prefix: String, ratePerMinute: Int, createdAt: Date) {
        self.id = UUID()
        self.name = name
        self.keyHash = keyHash
        self.prefix = prefix
        self.ratePerMinute = ratePerMinute
        self.createdAt = createdAt
    }
}
