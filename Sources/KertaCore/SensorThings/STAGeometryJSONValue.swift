import Foundation

/// Any JSON value, decoded strictly (`true` is not 1, `"1"` is not a number), so GeoJSON can be read by
/// its own rules and wrong shapes reported by name rather than as a Codable key path.
enum STAGeometryJSONValue: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([STAGeometryJSONValue])
    case object([String: STAGeometryJSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? container.decode(Double.self) {
            self = .number(n)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([STAGeometryJSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: STAGeometryJSONValue].self))
        }
    }

    var array: [STAGeometryJSONValue]? { if case .array(let a) = self { a } else { nil } }
    var object: [String: STAGeometryJSONValue]? { if case .object(let o) = self { o } else { nil } }
    var number: Double? { if case .number(let n) = self { n } else { nil } }
    var string: String? { if case .string(let s) = self { s } else { nil } }

    /// Deepest nesting of arrays and objects, counted on the bytes before any decoding, so a hostile
    /// `[[[[…` is refused without recursion.
    static func nestingDepth(of data: Data) -> Int {
        var depth = 0, deepest = 0
        var inString = false, escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }
}
