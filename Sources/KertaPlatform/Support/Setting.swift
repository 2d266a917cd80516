import Fluent

/// A value the installation remembers about itself, such as when the demo was seeded.
package final class Setting: Model, @unchecked Sendable {
    package static let schema = "settings"

    @ID(custom: "key", generatedBy: .user) package var id: String?
    @Field(key: "value") package var value: String

    package init() {}

    package init(key: String, value: String) {
        self.id = key
        self.value = value
    }

    /// Keys in use, in one place.
    package enum Key {
        package static let demoSeededAt = "demo_seeded_at"
    }
}
