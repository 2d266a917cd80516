import Fluent
import Foundation

/// One posted request under a key, counted for the rate limit across all servers.
package final class ApiKeyUse: Model, @unchecked Sendable {
    package static let schema = "api_key_uses"

    @ID(key: .id) package var id: UUID?
    @Field(key: "api_key_id") package var apiKeyID: UUID
    @Field(key: "at") package var at: Date

    package init() {}

    package init(apiKeyID: UUID, at: Date) {
        self.id = UUID()
        self.apiKeyID = apiKeyID
        self.at = at
    }
}
