import Fluent
import KertaCore
import Vapor

/// A person who signs in: a resident, or staff of the city.
package final class User: Model, @unchecked Sendable {
    package static let schema = "users"

    @ID(key: .id) package var id: UUID?

    // Sign-in
    /// Stored lower-cased, so sign-in does not depend on how the address was typed.
    @Field(key: "email") package var email: String
    @Field(key: "password_hash") package var passwordHash: String

    // Who they are
    @Field(key: "name") package var name: String
    @OptionalField(key: "phone") package var phone: String?
    @Field(key: "role") package var role: Role
    /// The agency an officer acts for; nil for other roles.
    @OptionalParent(key: "agency_code") package var agency: Agency?

    // Lifecycle
    /// Demo accounts have published passwords; a production server refuses to start while any exist.
    @Field(key: "is_demo") package var isDemo: Bool
    @Field(key: "active") package var active: Bool
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?

    package init() {}

    package init(id: UUID? = nil, email: String, passwordHash: String, name: String, role: Role, agencyCode: String?, isDemo: Bool = false) {
        self.id = id
        self.email = email.lowercased()
        self.passwordHash = passwordHash
        self.name = name
        self.role = role
        self.$agency.id = agencyCode
        self.isDemo = isDemo
        self.active = true
    }
}
