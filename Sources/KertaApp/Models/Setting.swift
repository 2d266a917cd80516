import Fluent

/// A value the installation remembers about itself, such as when the demo was seeded.
final class Setting: Model, @unchecked Sendable {
    static let schema = "settings"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String

    init() {}

    init(key: String, value: String) {
        self.id = key
        self.value = value
    }

    /// Keys in use, in one place.
    enum Key {
        static let demoSeededAt = "demo_seeded_at"
    }
}
