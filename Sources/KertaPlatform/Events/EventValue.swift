/// A value of an event's small payload: the feed shows it and clients filter on it, so it keeps its JSON type.
package enum EventValue: Codable, Sendable, Hashable, ExpressibleByStringLiteral {
    case text(String)
    case number(Double)
    case flag(Bool)

    package init(stringLiteral value: String) { self = .text(value) }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .flag(let flag): try container.encode(flag)
        }
    }
}
