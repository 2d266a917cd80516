import Fluent
import KertaCore
import Vapor

/// A person who signs in: a resident, or staff of the city.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?

    // Sign-in
    /// Stored lower-cased, so sign-in does not depend on how the address was typed.
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String

    // Who they are
    @Field(key: "name") var name: String
    @OptionalField(key: "phone") var phone: String?
    @Field(key: "role") var role: String
    /// The agency an officer acts for; nil for other roles.
    @OptionalParent(key: "agency_code") var agency: Agency?

    // Lifecycle
    /// Demo accounts have published passwords; a production server refuses to start while any exist.
    @Field(key: "is_demo") var isDemo: Bool
    @Field(key: "active") var active: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, email: String, passwordHash: String, name: String, role: Role, agencyCode: String?, isDemo: Bool = false) {
        self.id = id
        self.email = email.lowercased()
        self.passwordHash = passwordHash
        self.name = name
        self.role = role.rawValue
        self.$agency.id = agencyCode
        self.isDemo = isDemo
        self.active = true
    }

    var roleValue: Role? { Role(rawValue: role) }
}
