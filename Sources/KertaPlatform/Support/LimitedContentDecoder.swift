import Vapor

/// A content decoder that checks a limit on the raw body before the real decoder parses it: JSON
/// nested deeper than ``RequestLimits/jsonDepth``, or a multipart form of more than
/// ``RequestLimits/multipartParts`` parts, is refused with an error naming the limit instead of being parsed.
package struct LimitedContentDecoder: ContentDecoder {
    package let base: any ContentDecoder
    package let check: @Sendable (ByteBuffer, HTTPHeaders) throws -> Void

    package func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try check(body, headers)
        return try base.decode(decodable, from: body, headers: headers)
    }

    package func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        try check(body, headers)
        return try base.decode(decodable, from: body, headers: headers, userInfo: userInfo)
    }

    package static func json(_ base: JSONDecoder, maximumDepth: Int) -> LimitedContentDecoder {
        LimitedContentDecoder(base: base) { body, _ in
            if JSONDepth.exceeds(maximumDepth, in: body) {
                throw APIError.invalid(field: "body", id: "JSON bersarang lebih dari batas \(maximumDepth) tingkat",
                                       en: "the JSON is nested deeper than the limit of \(maximumDepth) levels")
            }
        }
    }

    package static func formData(_ base: FormDataDecoder, maximumParts: Int) -> LimitedContentDecoder {
        LimitedContentDecoder(base: base) { body, headers in
            guard let boundary = headers.contentType?.parameters["boundary"], !boundary.isEmpty else { return }
            // Each part starts with "--boundary"; the closing delimiter adds one more.
            if Delimiters.count("\r\n--" + boundary, in: body) + 1 > maximumParts + 1 {
                throw APIError.invalid(field: "body", id: "formulir melebihi batas \(maximumParts) bagian",
                                       en: "the form has more than the limit of \(maximumParts) parts", status: .payloadTooLarge)
            }
        }
    }
}

/// The nesting depth of JSON text, counted outside strings without parsing it.
package enum JSONDepth {
    package static func exceeds(_ limit: Int, in buffer: ByteBuffer) -> Bool {
        buffer.withUnsafeReadableBytes { bytes in
            var depth = 0
            var inString = false
            var escaped = false
            for byte in bytes {
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    if depth > limit { return true }
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
            }
            return false
        }
    }
}

/// Counting a delimiter in a body without copying it.
package enum Delimiters {
    package static func count(_ delimiter: String, in buffer: ByteBuffer) -> Int {
        let needle = Array(delimiter.utf8)
        guard !needle.isEmpty else { return 0 }
        return buffer.withUnsafeReadableBytes { bytes in
            var count = 0
            var index = 0
            while index + needle.count <= bytes.count {
                if bytes[index] == needle[0] && bytes[index..<index + needle.count].elementsEqual(needle) {
                    count += 1
                    index += needle.count
                } else {
                    index += 1
                }
            }
            return count
        }
    }
}
