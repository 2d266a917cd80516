import Foundation
import Vapor

/// A per-session token every form carries (`_csrf`), so another site cannot post in a signed-in
/// user's name. Cookies are SameSite=Lax as well; the token covers older browsers and same-site attacks.
enum CSRF {
    static let field = "_csrf"
    private static let key = "csrf"

    static func token(for req: Request) -> String {
        if let existing = req.session.data[key] { return existing }
        let token = Digest.randomSecret()
        req.session.data[key] = token
        return token
    }

    static func verify(_ req: Request) throws {
        struct Form: Decodable { let _csrf: String? }
        let given = (try? req.content.decode(Form.self))?._csrf
        guard let expected = req.session.data[key], let given, given == expected else {
            // In both languages: the error page speaks the reader's.
            throw APIError(.forbidden, code: "forbidden", id: "Formulir sudah kedaluwarsa atau dikirim dari tempat lain; muat ulang halaman dan coba lagi.",
                           en: "The form expired or came from elsewhere; reload the page and try again.")
        }
    }
}

/// Checks the CSRF token of every form post to the web pages.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .POST {
            // The report form carries photos: collect the body (up to the photo limit) before reading the token.
            if request.body.data == nil {
                _ = try await request.body.collect(max: request.application.kertaConfiguration.maximumPhotoBytes * 5 + 1_048_576).get()
            }
            try CSRF.verify(request)
        }
        return try await next.respond(to: request)
    }
}
