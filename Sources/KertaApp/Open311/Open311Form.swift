import Vapor

/// The fields of a posted request: form-encoded (`attribute[code]`, `attribute[code][]` for lists) or
/// multipart with `media` files.
struct Open311Form {
    var values: [String: [String]] = [:]
    var media: [[UInt8]] = []

    func first(_ name: String) -> String? {
        guard let value = values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// `attribute[code]` and `attribute[code][]` values, by code.
    var attributes: [String: [String]] {
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

    static func read(_ req: Request) throws -> Open311Form {
        var form = Open311Form()
        let type = req.headers.contentType
        if type?.type == "multipart" {
            guard let boundary = type?.parameters["boundary"], let body = req.body.data else {
                throw Open311Error(.badRequest, "the multipart body has no boundary")
            }
            let parts = try MultipartParser.parts(ByteBuffer(buffer: body), boundary: boundary)
            for (name, filename, bytes) in parts {
                if filename != nil || name == "media" || name == "media[]" {
                    if !bytes.isEmpty { form.media.append(bytes) }
                } else {
                    form.values[name, default: []].append(String(decoding: bytes, as: UTF8.self))
                }
            }
            return form
        }
        guard let body = req.body.string else { return form }
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            guard let name = parts.first, !name.isEmpty else { continue }
            form.values[name, default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return form
    }
}

/// A minimal multipart/form-data reader: each part's name, file name and bytes.
enum MultipartParser {
    static func parts(_ buffer: ByteBuffer, boundary: String) throws -> [(String, String?, [UInt8])] {
        let bytes = Array(buffer.readableBytesView)
        let delimiter = Array("--\(boundary)".utf8)
        var result: [(String, String?, [UInt8])] = []
        var positions: [Int] = []
        var i = 0
        while i + delimiter.count <= bytes.count {
            if matches(delimiter, in: bytes, at: i) { positions.append(i); i += delimiter.count } else { i += 1 }
        }
        guard positions.count >= 2 else { throw Open311Error(.badRequest, "the multipart body has no parts") }
        for (start, end) in zip(positions, positions.dropFirst()) {
            var part = Array(bytes[(start + delimiter.count)..<end])
            if part.starts(with: [13, 10]) { part.removeFirst(2) }
            if part.suffix(2) == [13, 10] { part.removeLast(2) }
            guard let split = find([13, 10, 13, 10], in: part) else { continue }
            let head = String(decoding: part[..<split], as: UTF8.self)
            let content = Array(part[(split + 4)...])
            guard let disposition = head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition") }) else { continue }
            let name = parameter("name", in: String(disposition)) ?? ""
            result.append((name, parameter("filename", in: String(disposition)), content))
        }
        return result
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { matches(needle, in: haystack, at: $0) }
    }

    private static func matches(_ needle: [UInt8], in haystack: [UInt8], at index: Int) -> Bool {
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
