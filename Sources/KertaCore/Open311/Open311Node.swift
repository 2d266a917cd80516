import Foundation

/// A GeoReport v2 document as a tree that renders to both of the specification's formats, so the XML
/// and JSON of one resource cannot drift apart: lists are bare JSON arrays and XML containers of
/// singular elements (`<services><service>…`), objects keep their field order, absent fields vanish.
/// Not `indirect`: children live in arrays, which are references already, so no case needs a box of its own
/// (a box per node was an allocation per field of every request in a list).
public enum Open311Node: Sendable, Equatable {
    case object([(String, Open311Node)])
    /// A list, and the XML name of each of its elements.
    case list(element: String, [Open311Node])
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)

    public static func == (lhs: Open311Node, rhs: Open311Node) -> Bool {
        switch (lhs, rhs) {
        case let (.object(a), .object(b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        case let (.list(e1, a), .list(e2, b)): e1 == e2 && a == b
        case let (.string(a), .string(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.integer(a), .integer(b)): a == b
        case let (.bool(a), .bool(b)): a == b
        default: false
        }
    }

    /// An object from optional fields; nil values are left out.
    public static func fields(_ pairs: [(String, Open311Node?)]) -> Open311Node {
        .object(pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    // MARK: JSON

    public func json() -> String {
        // Written as bytes and made a string once: appending to a `String` piece by piece cost a grapheme-aware
        // append per piece, and the scan for characters to escape walked a `UTF8View` an element at a time
        // (together a quarter of a 1,000-request list).
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        writeJSON(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func writeJSON(into out: inout [UInt8]) {
        switch self {
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.appendJSONString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                value.writeJSON(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .list(_, let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.writeJSON(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .string(let text): Self.appendJSONString(text, to: &out)
        case .number(let value): out.append(contentsOf: (value.isFinite ? Self.plain(value) : "null").utf8)
        case .integer(let value): out.append(contentsOf: String(value).utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        }
    }

    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// A JSON string: `"`, `\\` and the control characters escaped, everything else copied as it is. Bytes
    /// below 0x20 only ever stand for those characters in UTF-8, so the text is scanned as bytes and copied
    /// in runs between the few characters that need escaping.
    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if text.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, to: &out) }) == nil {
            var copy = text
            copy.makeContiguousUTF8()
            copy.utf8.withContiguousStorageIfAvailable { appendEscaped($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
            default: out.append(contentsOf: #"\u00"#.utf8); out.append(hexDigits[Int(byte >> 4)]); out.append(hexDigits[Int(byte & 0x0F)])
            }
            start = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    // MARK: XML

    /// The whole document, with the UTF-8 declaration the specification requires.
    public func xml(root: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        writeXML(named: root, into: &out)
        return out
    }

    private func writeXML(named name: String, into out: inout String) {
        // Appended piece by piece: an interpolated "<\(name)>…" made a temporary string per element.
        out += "<"; out += name; out += ">"
        switch self {
        case .object(let pairs):
            for (key, value) in pairs { value.writeXML(named: key, into: &out) }
        case .list(let element, let items):
            for item in items { item.writeXML(named: element, into: &out) }
        case .string(let text): out += Self.xmlEscape(text)
        case .number(let value): out += Self.plain(value)
        case .integer(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        }
        out += "</"; out += name; out += ">"
    }

    /// Escapes markup, and drops characters XML 1.0 cannot carry at all.
    static func xmlEscape(_ text: String) -> String {
        // The common case, nothing to escape or drop, returns the text as it is.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == 0xEF }) {
            return text
        }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case let s where s.value < 0x20 && s != "\n" && s != "\r" && s != "\t": continue
            case let s where s.value == 0xFFFE || s.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
