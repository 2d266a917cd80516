import Vapor

/// One line of a complaint's audit trail, with its hashes so anyone holding it can check the chain.
struct HistoryEntry: Content {
    let position: Int
    let action: String
    let at: String
    let actor: String
    let role: String?
    let from: String?
    let to: String?
    let note: String?
    let data: [String: String]?
    let hash: String
    let previousHash: String

    enum CodingKeys: String, CodingKey {
        case position, action, at, actor, role, from, to, note, data, hash
        case previousHash = "previous_hash"
    }
}
