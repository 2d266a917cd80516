import Foundation

/// The fields of a posted Open311 request, read from the raw body: form-encoded (`attribute[code]`,
/// `attribute[code][]` for lists) or multipart with `media` files. Pure byte and text work, so it is fuzzed
/// (`fuzz/open311-form.swift`); the web layer only hands it the body and the content type's boundary.
public struct Open311FormFields: Sendable, Equatable {
    public var values: [String: [String]] = [:]
    public var media: [[UInt8]] = []

    public init(values: [String: [String]] = [:], media: [[UInt8]] = []) {
        self.values = values
        self.media = media
    }

    public enum Failure: Error, Equatable, Sendable {
        /// The multipart body has no parts.
        case noParts
    }

    /// The first value of `name`, trimmed; nil when missing or blank.
    public func first(_ name: String) -> String? {
        guard let value = values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// `attribute[code]` and `attribute[code][]` values, by code.
    public var attributes: [String: [String]] {
        var result: [String: [String]] = [:]
        for (key, list) in values where key.hasPrefix("attribute[") {
            var code = String(key.dropFirst("attribute[".count))
            if code.hasSuffix("[]") { code.removeLast(2) }
            guard code.hasSuffix("]") else { continue }
            code.removeLast()
            result[code, default: []] += list
        }
        return result
    }

    /// An `application/x-www-form-urlencoded` body: `+` is a space, `%XX` a byte; a pair that does not
    /// decode is kept as written, one without a name is skipped (`=x` used to become a field named `x`).
    public static func urlEncoded(_ body: String) -> Open311FormFields {
        var form = Open311FormFields()
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            guard let name = parts.first, !name.isEmpty else { continue }
            form.values[name, default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return form
    }

    /// A `multipart/form-data` body: parts with a file name, or named `media`/`media[]`, are media (empty
    /// ones skipped); the others are text values.
    public static func multipart(_ body: [UInt8], boundary: String) throws(Failure) -> Open311FormFields {
        var form = Open311FormFields()
        for part in try MultipartBody.parts(body, boundary: boundary) {
            if part.filename != nil || part.name == "media" || part.name == "media[]" {
                if !part.content.isEmpty { form.media.append(part.content) }
            } else {
                form.values[part.name, default: []].append(String(decoding: part.content, as: UTF8.self))
            }
        }
        return form
    }
}

/// A minimal multipart/form-data reader: each part's name, file name and bytes.
public enum MultipartBody {
    public struct Part: Sendable, Equatable {
        public let name: String
        public let filename: String?
        public let content: [UInt8]
    }

    public static func parts(_ bytes: [UInt8], boundary: String) throws(Open311FormFields.Failure) -> [Part] {
        let delimiter = Array("--\(boundary)".utf8)
        let positions = occurrences(of: delimiter, in: bytes)
        guard positions.count >= 2 else { throw .noParts }
        var result: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            var part = bytes[(start + delimiter.count)..<end]
            if part.starts(with: [13, 10]) { part = part.dropFirst(2) }
            if part.suffix(2).elementsEqual([13, 10]) { part = part.dropLast(2) }
            guard let split = find([13, 10, 13, 10], in: part) else { continue }
            let head = String(decoding: part[..<split], as: UTF8.self)
            guard let disposition = head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition") }) else { continue }
            let name = parameter("name", in: String(disposition)) ?? ""
            result.append(Part(name: name, filename: parameter("filename", in: String(disposition)), content: Array(part[(split + 4)...])))
        }
        return result
    }

    /// Where `needle` occurs in `haystack`, left to right without overlaps, in linear time (Knuth–Morris–Pratt):
    /// the boundary comes from the client, and comparing it afresh at every byte of a large body is
    /// boundary length × body length.
    static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard !needle.isEmpty else { return [] }
        var fallback = [Int](repeating: 0, count: needle.count)
        var k = 0
        for q in needle.indices.dropFirst() {
            while k > 0 && needle[q] != needle[k] { k = fallback[k - 1] }
            if needle[q] == needle[k] { k += 1 }
            fallback[q] = k
        }
        var result: [Int] = []
        var matched = 0
        for (index, byte) in haystack.enumerated() {
            while matched > 0 && byte != needle[matched] { matched = fallback[matched - 1] }
            if byte == needle[matched] { matched += 1 }
            if matched == needle.count {
                result.append(index + 1 - needle.count)
                matched = 0
            }
        }
        return result
    }

    /// The index (in `haystack`'s own indices) where `needle` first starts.
    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (haystack.startIndex...(haystack.endIndex - needle.count)).first { matches(needle, in: haystack, at: $0) }
    }

    private static func matches(_ needle: [UInt8], in haystack: ArraySlice<UInt8>, at index: Int) -> Bool {
        for offset in 0..<needle.count where haystack[index + offset] != needle[offset] { return false }
        return true
    }

    private static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("\(name)=") {
                return String(trimmed.dropFirst(name.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
