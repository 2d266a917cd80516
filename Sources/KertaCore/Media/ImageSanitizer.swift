import Foundation

/// Removes what a photo says about its taker — EXIF (with GPS position, camera, time, maker notes and
/// thumbnail), XMP, comments and text chunks — while keeping the picture bit for bit, and the way it is meant
/// to be turned.
///
/// Works on the container structure only, so it needs no image library: JPEG segments, PNG chunks and
/// WebP RIFF chunks are walked and the metadata ones dropped. A file whose structure is broken is
/// refused rather than stored half-cleaned.
///
/// Orientation: a phone held upright writes its picture sideways plus EXIF tag 0x0112 saying how to turn it.
/// When the EXIF block of a photo carries that tag (1–8), it is replaced by a block of its own holding
/// only that tag (`ExifOrientation`), so the photo still shows upright: in JPEG as an APP1 segment, in PNG
/// as an `eXIf` chunk, in an extended WebP as an `EXIF` chunk (with the VP8X flag saying so). Browsers
/// honour it in JPEG; for PNG only Safari and for WebP none do today, but the tag costs 26 bytes and keeps
/// the photo right for any later viewer or converter. Everything else of the EXIF block goes.
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

    static let exifHeader: [UInt8] = Array("Exif\0\0".utf8)

    /// Keeps SOI, APP0 (JFIF), APP14 (Adobe colour transform), tables, frames and scans; drops APP1–APP13,
    /// APP15 (EXIF, XMP, ICC, MPF, Photoshop IRB/IPTC) and COM, putting back an APP1 with the orientation
    /// alone when the EXIF had one. Each scan's compressed data is copied unchanged; whatever follows the
    /// end of image (a phone's second picture, video or maker trailer, with EXIF of their own) is dropped.
    static func jpeg(_ d: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = [0xFF, 0xD8]
        out.reserveCapacity(d.count)
        var keptOrientation = false
        var i = 2
        while i < d.count {
            guard d[i] == 0xFF else { throw Failure.malformed("JPEG: expected a marker at byte \(i)") }
            var m = i + 1
            while m < d.count, d[m] == 0xFF { m += 1 } // fill bytes
            guard m < d.count else { throw Failure.malformed("JPEG: truncated marker") }
            let marker = d[m]
            i = m + 1
            if marker == 0xD9 { out += [0xFF, 0xD9]; return out }
            // 0xFF00 is a stuffed byte inside compressed data, never a marker: read as a segment, it hid what
            // followed (a comment, say) from this walk, and a second cleaning read it as scan data (fuzz/targets/image).
            if marker == 0x00 { throw Failure.malformed("JPEG: a stuffed 0xFF00 outside compressed data at byte \(m - 1)") }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { out += [0xFF, marker]; continue }
            guard i + 1 < d.count else { throw Failure.malformed("JPEG: truncated segment length") }
            let length = Int(d[i]) << 8 | Int(d[i + 1])
            guard length >= 2, i + length <= d.count else { throw Failure.malformed("JPEG: segment runs past the end") }
            let end = i + length
            let isMetadata = (0xE1...0xEF).contains(marker) && marker != 0xEE || marker == 0xFE
            if !isMetadata {
                out += [0xFF, marker]
                out += d[i..<end]
            } else if marker == 0xE1, !keptOrientation, d[(i + 2)..<end].starts(with: exifHeader),
                      let orientation = ExifOrientation.read(d[(i + 2 + exifHeader.count)..<end]) {
                let payload = exifHeader + ExifOrientation.tiff(orientation)
                out += [0xFF, 0xE1, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload
                keptOrientation = true
            }
            i = end
            if marker == 0xDA {
                // Start of scan: the compressed data runs to the next marker that is not a stuffed 0xFF00 or
                // a restart marker. A file cut short inside its last scan is kept as it is.
                let scanEnd = entropyCodedEnd(d, from: i)
                out += d[i..<scanEnd]
                if scanEnd == d.count { return out }
                i = scanEnd
            }
        }
        throw Failure.malformed("JPEG: no image data")
    }

    /// Where the entropy-coded data starting at `start` ends: the index of the 0xFF of the next real marker,
    /// or the end of the file.
    static func entropyCodedEnd(_ d: [UInt8], from start: Int) -> Int {
        var j = start
        while j < d.count {
            if d[j] == 0xFF, j + 1 < d.count {
                let next = d[j + 1]
                if next == 0x00 || (0xD0...0xD7).contains(next) { j += 2; continue }
                if next == 0xFF { j += 1; continue }
                return j
            }
            j += 1
        }
        return d.count
    }

    // MARK: PNG

    static let pngMetadataChunks: Set<String> = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]

    static func png(_ d: [UInt8]) throws -> [UInt8] {
        var out = Array(d[0..<8])
        var i = 8
        var sawEnd = false
        var keptOrientation = false
        while i < d.count {
            guard i + 8 <= d.count else { throw Failure.malformed("PNG: truncated chunk header") }
            let length = Int(d[i]) << 24 | Int(d[i + 1]) << 16 | Int(d[i + 2]) << 8 | Int(d[i + 3])
            let type = String(decoding: d[(i + 4)..<(i + 8)], as: UTF8.self)
            let end = i + 12 + length
            guard end <= d.count else { throw Failure.malformed("PNG: chunk \(type) runs past the end") }
            if !pngMetadataChunks.contains(type) {
                out += d[i..<end]
            } else if type == "eXIf", !keptOrientation, let orientation = ExifOrientation.read(d[(i + 8)..<(end - 4)]) {
                out += pngChunk("eXIf", ExifOrientation.tiff(orientation))
                keptOrientation = true
            }
            i = end
            if type == "IEND" { sawEnd = true; break }
        }
        guard sawEnd else { throw Failure.malformed("PNG: no IEND chunk") }
        return out
    }

    static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeAndData = Array(type.utf8) + data
        let n = UInt32(data.count), crc = CRC32.checksum(typeAndData)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + typeAndData
            + [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
    }

    // MARK: WebP

    static func webp(_ d: [UInt8]) throws -> [UInt8] {
        guard d.count >= 12 else { throw Failure.malformed("WebP: too short") }
        var body: [UInt8] = Array("WEBP".utf8)
        var flagsAt: Int?
        var keptOrientation = false
        var i = 12
        while i < d.count {
            guard i + 8 <= d.count else { throw Failure.malformed("WebP: truncated chunk header") }
            let type = String(decoding: d[i..<(i + 4)], as: UTF8.self)
            let size = Int(d[i + 4]) | Int(d[i + 5]) << 8 | Int(d[i + 6]) << 16 | Int(d[i + 7]) << 24
            let padded = size + (size & 1)
            let end = min(i + 8 + padded, d.count)
            guard i + 8 + size <= d.count else { throw Failure.malformed("WebP: chunk \(type) runs past the end") }
            switch type {
            case "EXIF":
                // EXIF belongs to the extended format only (after a VP8X chunk, whose flag then says it is there).
                var tiff = d[(i + 8)..<(i + 8 + size)]
                if tiff.starts(with: exifHeader) { tiff = tiff.dropFirst(exifHeader.count) } // some writers prefix it
                if flagsAt != nil, !keptOrientation, let orientation = ExifOrientation.read(tiff) {
                    let data = ExifOrientation.tiff(orientation)
                    let n = UInt32(data.count)
                    body += Array("EXIF".utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + data
                    keptOrientation = true
                }
            case "XMP ":
                break
            case "VP8X":
                var chunk = Array(d[i..<end])
                // Flags byte: clear "has EXIF" (0x08) and "has XMP" (0x04), since those chunks are gone (the
                // EXIF flag is set again below when the orientation is kept).
                if chunk.count > 8 {
                    chunk[8] &= ~UInt8(0x0C)
                    if flagsAt == nil { flagsAt = body.count + 8 }
                }
                body += chunk
            default:
                body += d[i..<end]
            }
            i = end
        }
        if keptOrientation, let flagsAt { body[flagsAt] |= 0x08 }
        guard let size = UInt32(exactly: body.count) else { throw Failure.malformed("WebP: larger than RIFF allows") }
        return Array("RIFF".utf8) + [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)] + body
    }
}

/// The EXIF orientation tag (TIFF tag 0x0112, in IFD0): 1 upright, 3 upside down, 6 turn 90° clockwise,
/// 8 turn 90° anticlockwise, 2/4/5/7 the same mirrored.
public enum ExifOrientation {
    /// The orientation in a TIFF structure (an EXIF block after its `Exif\0\0` header), or nil when there is
    /// none, it is not a single SHORT (or LONG, which some writers use) from 1 to 8, or the block is broken.
    public static func read(_ tiff: ArraySlice<UInt8>) -> UInt8? {
        let base = tiff.startIndex
        let count = tiff.count
        guard count >= 8 else { return nil }
        let bigEndian: Bool
        switch (tiff[base], tiff[base + 1]) {
        case (0x4D, 0x4D): bigEndian = true
        case (0x49, 0x49): bigEndian = false
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at <= count - 2 else { return nil }
            let a = Int(tiff[base + at]), b = Int(tiff[base + at + 1])
            return bigEndian ? a << 8 | b : b << 8 | a
        }
        func u32(_ at: Int) -> Int? {
            guard let high = u16(bigEndian ? at : at + 2), let low = u16(bigEndian ? at + 2 : at) else { return nil }
            return high << 16 | low
        }
        guard u16(2) == 42, let ifd = u32(4), let entries = u16(ifd) else { return nil }
        for n in 0..<entries {
            let entry = ifd + 2 + n * 12
            guard let tag = u16(entry) else { return nil }
            guard tag == 0x0112 else { continue }
            guard let type = u16(entry + 2), u32(entry + 4) == 1 else { return nil }
            let value = type == 3 ? u16(entry + 8) : type == 4 ? u32(entry + 8) : nil
            guard let value, (1...8).contains(value) else { return nil }
            return UInt8(value)
        }
        return nil
    }

    /// A TIFF structure holding the orientation tag and nothing else (big-endian, 26 bytes).
    public static func tiff(_ orientation: UInt8) -> [UInt8] {
        [0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // header: IFD0 at offset 8
         0x00, 0x01,                                     // one entry
         0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, // tag 0x0112, SHORT, count 1
         0x00, orientation, 0x00, 0x00,                  // value, padded
         0x00, 0x00, 0x00, 0x00]                         // no next IFD (no thumbnail)
    }
}

/// CRC-32 (ISO 3309, the one PNG chunks carry).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
