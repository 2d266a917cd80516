import Vapor

extension HTTPCookies.Value {
    /// A cookie only the server reads (the session's, the form token's): a week, the whole site,
    /// HttpOnly, SameSite=Lax, and Secure when Kerta is served over HTTPS.
    package static func kertaPrivate(_ value: String, secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, maxAge: 7 * 86400, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
}
