import Vapor
import KertaPlatform

package struct RatingInput: Content {
    package let stars: Int?
    package let comment: String?
}
