import Vapor
import KertaPlatform

package struct UpdateInput: Content {
    package let body: String?
    package let `internal`: Bool?
}
