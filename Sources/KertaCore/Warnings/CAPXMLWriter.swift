import Foundation

/// The few XML moves the CAP and Atom documents need, written by hand: on Linux Foundation's XML classes
/// are a separate module (FoundationXML, over libxml2) and KertaCore stays plain Foundation; these documents
/// are small and fixed in shape anyway.
struct CAPXMLWriter {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var open: [String] = []

    mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        text += indent + "<" + name + Self.attributes(attributes) + ">\n"
        open.append(name)
    }

    mutating func end() {
        let name = open.removeLast()
        text += indent + "</" + name + ">\n"
    }

    /// An element with text; nil writes nothing, since CAP's optional elements must be absent, not empty.
    mutating func element(_ name: String, _ value: String?) {
        guard let value else { return }
        text += indent + "<" + name + ">" + Self.escape(value) + "</" + name + ">\n"
    }

    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        text += indent + "<" + name + Self.attributes(attributes) + "/>\n"
    }

    private var indent: String { String(repeating: "  ", count: open.count) }

    private static func attributes(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " " + $0.key + "=\"" + escape($0.value) + "\"" }.joined()
    }

    /// Escapes markup and drops the characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE/FFFF):
    /// one stray control byte pasted from a spreadsheet would make the whole alert unreadable to every receiver.
    /// A carriage return is kept as a reference, because parsers turn a literal one into a line feed.
    static func escape(_ value: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
