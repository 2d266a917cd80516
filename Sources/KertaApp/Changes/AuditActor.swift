import Foundation
import KertaCore

/// Who an audit entry names: a signed-in user, the reporter by access key, or Kerta itself.
struct AuditActor: Sendable {
    let id: String?
    let role: String?
    let name: String

    init(user: User?, fallbackName: String, isReporter: Bool) {
        if let user {
            id = user.id?.uuidString.lowercased()
            role = user.role
            name = user.name
        } else {
            id = nil
            role = isReporter ? "reporter" : nil
            name = fallbackName
        }
    }

    init(id: String?, role: String?, name: String) {
        self.id = id
        self.role = role
        self.name = name
    }

    static let system = AuditActor(id: nil, role: "system", name: "Kerta")
}
