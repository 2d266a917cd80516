import Foundation

/// The public list of current alerts as an Atom 1.0 feed (`application/atom+xml`), the index that
/// aggregators such as Google Public Alerts poll; each entry links to its CAP document rather than
/// repeating it, so the feed stays small and the CAP file is the one authority.
public struct CAPAtomFeed: Sendable {
    public static let mediaType = "application/atom+xml"

    /// Kerta's public address without a trailing slash, e.g. `https://kerta.denpasarkota.go.id`.
    public var baseURL: String
    public var title: String
    /// Who the feed is from when an alert's info names no `senderName`.
    public var authorName: String
    /// Where an alert's CAP document is served; by default `{baseURL}/alerts/{identifier}.cap`.
    public var link: @Sendable (CAPAlert) -> String

    public init(baseURL: String, title: String = "Peringatan BPBD Kota Denpasar", authorName: String = "BPBD Kota Denpasar",
                link: (@Sendable (CAPAlert) -> String)? = nil) {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.baseURL = base
        self.title = title
        self.authorName = authorName
        self.link = link ?? { alert in
            base + "/alerts/" + Self.pathSegment(alert.identifier) + ".cap"
        }
    }

    /// The feed's own address, also its Atom id: stable across renders, as Atom requires.
    public var selfURL: String { baseURL + "/alerts.atom" }

    /// The feed of `alerts` in the order given. `updated` defaults to the latest `sent`, so an unchanged
    /// list renders byte for byte the same and pollers see nothing new; with no alerts, pass the time.
    public func xml(_ alerts: [CAPAlert], updated: Date? = nil) -> String {
        let latest = updated ?? alerts.map(\.sent).max() ?? Date(timeIntervalSince1970: 0)
        var w = CAPXMLWriter()
        w.start("feed", ["xmlns": "http://www.w3.org/2005/Atom"])
        w.element("id", selfURL)
        w.element("title", title)
        w.element("updated", CAPEncoder.dateTime(latest))
        w.empty("link", ["rel": "self", "type": Self.mediaType, "href": selfURL])
        // A feed-level author makes every entry valid Atom even if one lacks its own.
        w.start("author")
        w.element("name", authorName)
        w.end()
        for alert in alerts {
            let info = alert.infos.first
            let href = link(alert)
            w.start("entry")
            w.element("id", href)
            w.element("title", info?.headline ?? info?.event ?? alert.identifier)
            w.element("updated", CAPEncoder.dateTime(alert.sent))
            w.element("summary", info?.description ?? info?.headline ?? info?.event ?? "")
            w.empty("link", ["rel": "alternate", "type": CAPEncoder.mediaType, "href": href])
            w.start("author")
            w.element("name", info?.senderName ?? authorName)
            w.end()
            w.end()
        }
        w.end()
        return w.text
    }

    /// Identifiers are free text to CAP; this keeps one from breaking out of its path segment.
    static func pathSegment(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#;")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
