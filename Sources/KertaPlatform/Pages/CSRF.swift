import Foundation
import Vapor

/// The token every form carries (`_csrf`), so another site cannot post in a visitor's name. Cookies are
/// SameSite=Lax as well; the token covers older browsers and same-site attacks.
///
/// A signed-in visitor's token lives in their session. A visitor without a session gets a signed token in
/// a cookie of its own (the signed double-submit pattern) instead of a session: reading a page then writes
/// nothing. Before, every anonymous page view created a session row — a durable write per view (most of
/// the home page's cost) and a row per crawler hit that was never deleted.
package enum CSRF {
    package static let field = "_csrf"
    package static let cookieName = "kerta_csrf"
    private static let key = "csrf"
    private struct MintedKey: StorageKey { typealias Value = String }

    package static func token(for req: Request) -> String {
        if req.hasSession {
            if let existing = req.session.data[key] { return existing }
            let token = Digest.randomSecret()
            req.session.data[key] = token
            return token
        }
        let signer = CSRFSigner(secret: req.application.kertaConfiguration.secret)
        if let cookie = req.cookies[cookieName]?.string, signer.isValid(cookie) { return cookie }
        if let minted = req.storage[MintedKey.self] { return minted }
        let minted = signer.mint()
        req.storage[MintedKey.self] = minted
        return minted
    }

    /// Sets the cookie of a token minted for this response's page.
    package static func attachCookie(to response: Response, for req: Request) {
        guard let minted = req.storage[MintedKey.self] else { return }
        response.cookies[cookieName] = .kertaPrivate(minted, secure: req.application.kertaConfiguration.servesHTTPS)
    }

    package static func verify(_ req: Request) throws {
        struct Form: Decodable { let _csrf: String? }
        let given = (try? req.content.decode(Form.self))?._csrf ?? ""
        // A page opened before signing in carries the cookie's token; one opened after, the session's.
        let bySession = req.hasSession && req.session.data[key].map { Digest.constantTimeEqual($0, given) } == true
        let byCookie = req.cookies[cookieName].map { Digest.constantTimeEqual($0.string, given) && CSRFSigner(secret: req.application.kertaConfiguration.secret).isValid($0.string) } == true
        guard !given.isEmpty, bySession || byCookie else {
            // In both languages: the error page speaks the reader's.
            throw APIError(.forbidden, code: "forbidden", id: "Formulir sudah kedaluwarsa atau dikirim dari tempat lain; muat ulang halaman dan coba lagi.",
                           en: "The form expired or came from elsewhere; reload the page and try again.")
        }
    }
}

/// Checks the CSRF token of every form post to the web pages.
package struct CSRFMiddleware: AsyncMiddleware {
    package init() {}

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .POST {
            // The report form carries photos: collect the body (up to the photo limit) before reading the token.
            if request.body.data == nil {
                _ = try await request.body.collect(max: request.application.kertaConfiguration.maximumPhotoBytes * 5 + 1_048_576).get()
            }
            try CSRF.verify(request)
        }
        let response = try await next.respond(to: request)
        CSRF.attachCookie(to: response, for: request)
        return response
    }
}
