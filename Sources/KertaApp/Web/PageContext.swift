import Foundation
import KertaCore
import Vapor

/// What every page's layout needs beside its own content: the strings in the reader's language, who is
/// signed in, the CSRF token for forms, where the page is, and whether maps and charts can be drawn.
struct PageContext<Content: Encodable>: Encodable {
    struct Viewer: Encodable {
        let name: String
        let role: String
        let isStaff: Bool
    }

    let t: PageStrings
    let lang: String
    let otherLang: String
    let viewer: Viewer?
    let csrf: String
    let path: String
    let title: String
    /// `KERTA_TILE_URL`, for the maps; empty shows the city's boundaries only.
    let tiles: String
    /// Leaflet and Chart.js, when Debian's packages are installed; otherwise the boxes explain why they are empty.
    let vendor: VendorAssets
    let content: Content
}

extension Request {
    /// Renders a page inside the layout.
    func page<Content: Encodable>(_ template: String, title key: String, _ content: Content, status: HTTPResponseStatus = .ok) async throws -> Response {
        let language = self.language
        let strings = Catalogue.shared.table(language)
        let viewer = user.map { PageContext<Content>.Viewer(name: $0.name, role: $0.role, isStaff: $0.roleValue?.isStaff ?? false) }
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
    var strings: [String: String] { Catalogue.shared.table(language) }

    /// One entry of the catalogue in the reader's language, `{name}` placeholders filled in.
    func words(_ key: String, _ values: [String: String] = [:]) -> String {
        Catalogue.shared.text(key, language, values)
    }
}
