import Fluent
import Foundation
import KertaPlatform

/// A ready answer officers adapt when they resolve a complaint; for one category, or for all.
package final class ResponseTemplate: Model, @unchecked Sendable {
    package static let schema = "response_templates"

    @ID(key: .id) package var id: UUID?
    @OptionalField(key: "category_code") package var categoryCode: String?
    @Field(key: "body") package var body: String
    @Field(key: "created_at") package var createdAt: Date

    package init() {}

    package init(categoryCode: String?, body: String, createdAt: Date) {
        self.id = UUID()
        self.categoryCode = categoryCode
        self.body = body
        self.createdAt = createdAt
    }
}
