import KertaCore
import Vapor

extension JSONEncoder {
    /// Sorted keys make responses byte-stable (caching, diffs); dates are WITA with their offset.
    package static var kerta: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(WITATimestamp.string(from: date))
        }
        return encoder
    }
}

extension JSONDecoder {
    /// Accepts any ISO 8601 timestamp with an offset, as clients in other zones send them.
    package static var kerta: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = WITATimestamp.date(from: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not an ISO 8601 timestamp")
            }
            return date
        }
        return decoder
    }
}
