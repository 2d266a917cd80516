import Vapor

/// The browser-side defence every answer carries: a Content-Security-Policy that allows no inline script
/// or style and no other origin (so an injected `<script>` in a complaint's text cannot run even if
/// escaping ever failed), no framing (clickjacking of the officers' console), no MIME sniffing of
/// uploaded photos, no full URLs (tickets, access keys) leaked in `Referer`, and HSTS once served over HTTPS.
package struct SecurityHeadersMiddleware: AsyncMiddleware {
    package let headers: [(HTTPHeaders.Name, String)]

    package init(configuration: KertaConfiguration) {
        var images = ["'self'", "data:", "blob:"]
        if let tiles = Self.tileSource(configuration.tileURL) { images.append(tiles) }
        let policy = [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src \(images.joined(separator: " "))",
            "connect-src 'self'",
            "font-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ].joined(separator: "; ")
        var headers: [(HTTPHeaders.Name, String)] = [
            (.contentSecurityPolicy, policy),
            (.xContentTypeOptions, "nosniff"),
            (.xFrameOptions, "DENY"),
            (HTTPHeaders.Name("Referrer-Policy"), "strict-origin-when-cross-origin"),
            (HTTPHeaders.Name("Permissions-Policy"), "geolocation=(self), camera=(self), microphone=(), payment=()"),
        ]
        if configuration.servesHTTPS {
            headers.append((.strictTransportSecurity, "max-age=31536000; includeSubDomains"))
        }
        self.headers = headers
    }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        return response
    }

    /// The CSP source of a tile URL template: `https://{s}.tile.example.org/{z}/{x}/{y}.png` →
    /// `https://*.tile.example.org`; a host made of other placeholders allows its scheme only.
    package static func tileSource(_ template: String) -> String? {
        guard let schemeEnd = template.range(of: "://") else { return nil }
        let scheme = template[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else { return nil }
        let rest = template[schemeEnd.upperBound...]
        let host = String(rest.prefix { $0 != "/" && $0 != "?" }).replacingOccurrences(of: "{s}", with: "*")
        guard !host.isEmpty else { return nil }
        if host.contains("{") || host.contains("}") || host.contains(" ") || host.contains(";") || host.contains("'") {
            return "\(scheme):"
        }
        return "\(scheme)://\(host)"
    }
}
