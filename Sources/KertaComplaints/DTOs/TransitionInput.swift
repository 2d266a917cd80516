import Vapor
import KertaPlatform

package struct TransitionInput: Content {
    package let to: String?
    package let note: String?
    package let agency: String?
    package let duplicateOf: String?
    package let reason: String?

    package enum CodingKeys: String, CodingKey {
        case to, note, agency, reason
        case duplicateOf = "duplicate_of"
    }
}
