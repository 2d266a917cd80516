import Foundation
import Vapor

/// A page's path, defined once: the route is registered from it, Swift code redirects with it and the
/// templates link with `#path("name", …)`, so a path changed here changes everywhere or fails a test.
package struct SitePath: Sendable, Hashable, CustomStringConvertible {
    /// What templates call it: `#path("complaint", ticket)`.
    package let name: String
    /// `["complaints", ":ticket"]`; a segment starting with `:` is a parameter.
    package let segments: [String]

    package init(_ name: String, _ pattern: String) {
        self.name = name
        segments = pattern.split(separator: "/").map(String.init)
    }

    /// For `routes.get(path.components, use: …)`.
    package var components: [PathComponent] { segments.map { PathComponent(stringLiteral: $0) } }

    package var parameterCount: Int { segments.filter { $0.hasPrefix(":") }.count }

    /// The path with its parameters filled in order, each percent-encoded as one segment.
    package func link(_ values: String...) -> String { link(values) }

    package func link(_ values: [String]) -> String {
        var remaining = values[...]
        let filled = segments.map { segment -> String in
            guard segment.hasPrefix(":") else { return segment }
            let value = remaining.popFirst() ?? ""
            return value.addingPercentEncoding(withAllowedCharacters: Self.segmentAllowed) ?? value
        }
        return "/" + filled.joined(separator: "/")
    }

    package var description: String { "/" + segments.joined(separator: "/") }

    private static let segmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))
}

extension SitePath {
    package static let home = SitePath("home", "")
    package static let login = SitePath("login", "login")
    package static let logout = SitePath("logout", "logout")
    package static let account = SitePath("account", "account")
    package static let language = SitePath("language", "lang/:code")

    /// The paths every deployment has, whichever capabilities it runs.
    package static let platform: [SitePath] = [.home, .login, .logout, .account, .language]
}
