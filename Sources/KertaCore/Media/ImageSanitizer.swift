import Foundation

/// Removes what a photo says about its taker — EXIF (with GPS position, camera, time), XMP, comments
/// and text chunks — while keeping the picture bit for bit.
///
/// Works on the container structure only, so it needs no image library: JPEG segments, PNG chunks and
/// WebP RIFF chunks are walked and the metadata ones dropped. A file whose structure is broken is
/// refused rather than stored half-cleaned. (Dropping EXIF also drops its orientation tag; the web form
/// redraws photos upright in the browser before upload.)
public enum ImageSanitizer {
    public enum Failure: Error, Equatable, Sendable {
        case unsupportedFormat
        case malformed(String)
    }

    public static func sanitize(_ data: [UInt8]) throws -> (bytes: [UInt8], format: ImageFormat) {
        guard let format = ImageFormat.detect(data) else { throw Failure.unsupportedFormat }
        switch format {
        case .jpeg: return (try jpeg(data), format)
        case .png: return (try png(data), format)
        case .webp: return (try webp(data), format)
        }
    }

    // MARK: JPEG

    /// Keeps SOI, APP0 (JFIF), APP14 (Adobe colour transform), tables and frames; drops APP1–APP13, APP15
    /// (EXIF, XMP, Photoshop IPTC) and COM. Everything from the start of scan on is copied unchanged.
    static func jpeg(_ d: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = [0xFF, 0xD8]
        out.reserveCapacity(d.count)
        var i = 2
        while i < d.count {
            guard d[i] == 0xFF else { throw Failure.malformed("JPEG: expected a marker at byte \(i)") }
            var marker = d[i + 1 < d.count ? i + 1 : i]
            var m = i + 1
            while marker == 0xFF, m + 1 < d.count { m += 1; marker = d[m] } // fill bytes
            guard m < d.count else { throw Failure.malformed("JPEG: truncated marker") }
            let segmentStart = i
            i = m + 1
            if marker == 0xD9 { out += [0xFF, 0xD9]; return out }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { out += [0xFF, marker]; continue }
            guard i + 1 < d.count else { throw Failure.malformed("JPEG: truncated segment length") }
            let length = Int(d[i]) << 8 | Int(d[i + 1])
            guard length >= 2, i + length <= d.count else { throw Failure.malformed("JPEG: segment runs past the end") }
            let end = i + length
            let isMetadata = (0xE1...0xEF).contains(marker) && marker != 0xEE || marker == 0xFE
            if marker == 0xDA {
                // Start of scan: the compressed picture and anything after it are kept as they are.
                out += [0xFF, marker]
                out += d[i..<d.count]
                return out
            }
            if !isMetadata { out += [0xFF, marker]; out += d[i..<end] }
            _ = segmentStart
            i = end
        }
        throw Failure.malformed("JPEG: no image data")
    }

    // MARK: PNG

    static let pngMetadataChunks: Set<String> = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]

    static func png(_ d: [UInt8]) throws -> [UInt8] {
        var out = Array(d[0..<8])
        var i = 8
        var sawEnd = false
        while i < d.count {
            guard i + 8 <= d.count else { throw Failure.malformed("PNG: truncated chunk header") }
            let length = Int(d[i]) << 24 | Int(d[i + 1]) << 16 | Int(d[i + 2]) << 8 | Int(d[i + 3])
            let type = String(decoding: d[(i + 4)..<(i + 8)], as: UTF8.self)
            let end = i + 12 + length
            guard length >= 0, end <= d.count else { throw Failure.malformed("PNG: chunk \(type) runs past the end") }
            if !pngMetadataChunks.contains(type) { out += d[i..<end] }
            i = end
            if type == "IEND" { sawEnd = true; break }
        }
        guard sawEnd else { throw Failure.malformed("PNG: no IEND chunk") }
        return out
    }

    // MARK: WebP

    static func webp(_ d: [UInt8]) throws -> [UInt8] {
        guard d.count >= 12 else { throw Failure.malformed("WebP: too short") }
        var body: [UInt8] = Array("WEBP".utf8)
        var i = 12
        while i < d.count {
            guard i + 8 <= d.count else { throw Failure.malformed("WebP: truncated chunk header") }
            let type = String(decoding: d[i..<(i + 4)], as: UTF8.self)
            let size = Int(d[i + 4]) | Int(d[i + 5]) << 8 | Int(d[i + 6]) << 16 | Int(d[i + 7]) << 24
            let padded = size + (size & 1)
            let end = min(i + 8 + padded, d.count)
            guard i + 8 + size <= d.count else { throw Failure.malformed("WebP: chunk \(type) runs past the end") }
            switch type {
            case "EXIF", "XMP ":
                break
            case "VP8X":
                var chunk = Array(d[i..<end])
                // Flags byte: clear "has EXIF" (0x08) and "has XMP" (0x04), since those chunks are gone.
                if chunk.count > 8 { chunk[8] &= ~UInt8(0x0C) }
                body += chunk
            default:
                body += d[i..<end]
            }
            i = end
        }
        let size = UInt32(body.count)
        return Array("RIFF".utf8) + [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)] + body
    }
}
