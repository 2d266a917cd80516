import Fluent
import Foundation

/// One posted request under a key, counted for the rate limit across all servers.
final class ApiKeyUse: Model, @unchecked Sendable {
    static let schema = "api_key_uses"

    @ID(key: .id) var id: UUID?
    @Field(key: "api_key_id") var apiKeyID: UUID
    @Field(key: "at") var at: Date

    init() {}

    init(apiKeyID: UUID, at: Date) {
        self.id = UUID()
        self.apiKeyID = apiKeyID
        self.at = at
    }
}
