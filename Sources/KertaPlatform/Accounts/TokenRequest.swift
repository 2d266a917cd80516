import Vapor

package struct TokenRequest: Content {
    package let email: String?
    package let password: String?
}
