import KertaCore
import Vapor

/// Lets a route group's requests through only for signed-in users of these roles, so no handler
/// repeats the check and a route added to the group is guarded from its first line.
///
/// A program (``Answer/api``) is told 401 or 403; a person in a browser (``Answer/page``) who is
/// signed out is sent to sign in and brought back, one of another role sees the "not allowed" page.
package struct RoleGuard: AsyncMiddleware {
    package enum Answer: Sendable { case api, page }

    package let roles: Set<Role>
    package let answer: Answer

    package init(_ roles: Set<Role>, answer: Answer) {
        self.roles = roles
        self.answer = answer
    }

    /// Every role that works for the city.
    package static func staff(_ answer: Answer) -> RoleGuard { RoleGuard(Set(Role.allCases.filter(\.isStaff)), answer: answer) }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let user = request.user else {
            if answer == .page { return request.redirectToSignIn() }
            throw DomainError.unauthenticated
        }
        guard roles.contains(user.role) else { throw DomainError.forbidden }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// To the sign-in page, which brings the person back here afterwards.
    package func redirectToSignIn() -> Response {
        let back = url.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"
        return redirect(to: SitePath.login.link() + "?next=" + back, redirectType: .normal)
    }
}
