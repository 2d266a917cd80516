import KertaCore
import Vapor

package struct TokenResponse: Content {
    package let token: String
    package let role: Role
    package let agency: String?
    package let name: String
    package let expiresAt: String

    package enum CodingKeys: String, CodingKey {
        case token, role, agency, name
        case expiresAt = "expires_at"
    }
}
