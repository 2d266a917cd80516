import Foundation
import KertaCore
import Vapor

/// What every page's layout needs beside its own content: the strings in the reader's language, who is
/// signed in, the CSRF token for forms, where the page is, and whether maps and charts can be drawn.
package struct PageContext<Content: Encodable>: Encodable {
    package struct Viewer: Encodable {
        package let name: String
        package let role: Role
        package let isStaff: Bool
    }

    package let t: PageStrings
    package let lang: String
    package let otherLang: String
    package let viewer: Viewer?
    package let csrf: String
    package let path: String
    package let title: String
    /// `KERTA_TILE_URL`, for the maps; empty shows the city's boundaries only.
    package let tiles: String
    /// Leaflet and Chart.js, when Debian's packages are installed; otherwise the boxes explain why they are empty.
    package let vendor: VendorAssets
    package let content: Content
}

extension Request {
    /// Renders a page inside the layout.
    package func page<Content: Encodable>(_ template: String, title key: String, _ content: Content, status: HTTPResponseStatus = .ok) async throws -> Response {
        let language = self.language
        let strings = Catalogue.shared.table(language)
        let viewer = user.map { PageContext<Content>.Viewer(name: $0.name, role: $0.role, isStaff: $0.role.isStaff) }
        let context = PageContext(t: PageStrings.byLanguage[language] ?? PageStrings(strings), lang: language.rawValue, otherLang: language == .english ? "id" : "en", viewer: viewer,
                                  csrf: CSRF.token(for: self), path: url.path, title: strings[key] ?? key,
                                  tiles: application.kertaConfiguration.tileURL, vendor: application.vendorAssets, content: content)
        let view = try await self.view.render(template, context)
        let response = try await view.encodeResponse(status: status, for: self)
        response.headers.replaceOrAdd(name: .contentLanguage, value: language.rawValue)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return response
    }

    /// The strings of the reader's language, for messages built in Swift.
    package var strings: [String: String] { Catalogue.shared.table(language) }

    /// One entry of the catalogue in the reader's language, `{name}` placeholders filled in.
    package func words(_ key: String, _ values: [String: String] = [:]) -> String {
        Catalogue.shared.text(key, language, values)
    }
}
