import Vapor

struct TokenResponse: Content {
    let token: String
    let role: String
    let agency: String?
    let name: String
    let expiresAt: String

    enum CodingKeys: String, CodingKey {
        case token, role, agency, name
        case expiresAt = "expires_at"
    }
}
