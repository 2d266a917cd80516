import Fluent
import Foundation

/// A ready answer officers adapt when they resolve a complaint; for one category, or for all.
final class ResponseTemplate: Model, @unchecked Sendable {
    static let schema = "response_templates"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "category_code") var categoryCode: String?
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(categoryCode: String?, body: String, createdAt: Date) {
        self.id = UUID()
        self.categoryCode = categoryCode
        self.body = body
        self.createdAt = createdAt
    }
}
