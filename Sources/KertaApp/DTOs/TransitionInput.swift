import Vapor

struct TransitionInput: Content {
    let to: String?
    let note: String?
    let agency: String?
    let duplicateOf: String?
    let reason: String?

    enum CodingKeys: String, CodingKey {
        case to, note, agency, reason
        case duplicateOf = "duplicate_of"
    }
}
