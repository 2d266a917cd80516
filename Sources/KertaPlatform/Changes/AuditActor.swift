import Foundation
import KertaCore

/// Who an audit entry names: a signed-in user, the reporter by access key, or Kerta itself.
package struct AuditActor: Sendable {
    package let id: String?
    package let role: String?
    package let name: String

    package init(user: User?, fallbackName: String, isReporter: Bool) {
        if let user {
            id = user.id?.uuidString.lowercased()
            role = user.role.rawValue
            name = user.name
        } else {
            id = nil
            role = isReporter ? "reporter" : nil
            name = fallbackName
        }
    }

    package init(id: String?, role: String?, name: String) {
        self.id = id
        self.role = role
        self.name = name
    }

    package static let system = AuditActor(id: nil, role: "system", name: "Kerta")
}
