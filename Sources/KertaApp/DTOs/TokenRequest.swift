import Vapor

struct TokenRequest: Content {
    let email: String?
    let password: String?
}
