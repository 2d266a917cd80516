import KertaCore
import Vapor
import KertaPlatform

/// The format a GeoReport v2 resource is asked in, taken from its extension (`.json` or `.xml`).
package enum Open311Format: String {
    case json, xml

    /// Splits `requests.json` into its name and format; nil when the extension is neither.
    package static func split(_ segment: String) -> (name: String, format: Open311Format)? {
        guard let dot = segment.lastIndex(of: "."), let format = Open311Format(rawValue: String(segment[segment.index(after: dot)...]).lowercased()) else {
            return nil
        }
        return (String(segment[..<dot]), format)
    }

    package var contentType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .xml: "text/xml; charset=utf-8"
        }
    }

    /// A document in this format; `root` names the XML root (`services`, `service_requests`, …).
    package func response(_ node: Open311Node, root: String, status: HTTPResponseStatus = .ok) -> Response {
        response(encoded: encode(node, root: root), status: status)
    }

    package func encode(_ node: Open311Node, root: String) -> String {
        self == .json ? node.json() : node.xml(root: root)
    }

    /// A document already encoded in this format (cached ones).
    package func response(encoded body: String, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: body))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        return response
    }
}
