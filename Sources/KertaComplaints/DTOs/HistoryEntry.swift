import Vapor
import KertaPlatform

/// One line of a complaint's audit trail, with its hashes so anyone holding it can check the chain.
package struct HistoryEntry: Content {
    package let position: Int
    package let action: String
    package let at: String
    package let actor: String
    package let role: String?
    package let from: String?
    package let to: String?
    package let note: String?
    package let data: [String: String]?
    package let hash: String
    package let previousHash: String

    package enum CodingKeys: String, CodingKey {
        case position, action, at, actor, role, from, to, note, data, hash
        case previousHash = "previous_hash"
    }
}
