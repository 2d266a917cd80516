// libFuzzer target: the photo sanitizer (JPEG, PNG, WebP, recognised by content).
//
// Each input is cleaned as it is (random bytes, mutated real photos from fuzz/corpus/image) and once more
// behind each format's signature, so mutations reach all three walkers. Invariants: a cleaned photo keeps
// its format, cleaning it again changes nothing, and it carries no metadata but the orientation.
import Foundation
@testable import KertaCore

let signatures: [[UInt8]] = [[0xFF, 0xD8, 0xFF], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], Array("RIFF\0\0\0\0WEBP".utf8)]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = input(data, size)
    check(bytes)
    if let first = bytes.first {
        let signature = signatures[Int(first) % signatures.count]
        if !bytes.starts(with: signature) { check(signature + bytes.dropFirst()) }
    }
    return 0
}

func check(_ bytes: [UInt8]) {
    guard let (clean, format) = try? ImageSanitizer.sanitize(bytes) else { return }
    require(ImageFormat.detect(clean) == format, "the cleaned photo is no longer \(format)")
    require(clean.count <= bytes.count + 64, "cleaning grew the photo from \(bytes.count) to \(clean.count) bytes")
    guard let again = try? ImageSanitizer.sanitize(clean) else { fail("a cleaned \(format) is refused when cleaned again") }
    require(again.bytes == clean, "cleaning a cleaned \(format) changed it")
    switch format {
    case .jpeg: checkJPEG(clean)
    case .png: checkPNG(clean)
    case .webp: checkWebP(clean)
    }
}

let orientationOnly: Set<[UInt8]> = Set((1...8).map { ExifOrientation.tiff(UInt8($0)) })

/// Segments up to each scan: only tables, frames, JFIF, Adobe and the orientation-only EXIF.
func checkJPEG(_ d: [UInt8]) {
    var i = 2
    while i + 1 < d.count {
        guard d[i] == 0xFF else { fail("JPEG: no marker at \(i) of the cleaned photo") }
        let marker = d[i + 1]
        if marker == 0xD9 { require(i + 2 == d.count, "JPEG: bytes after EOI"); return }
        if marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
        guard i + 3 < d.count else { return }
        let length = Int(d[i + 2]) << 8 | Int(d[i + 3])
        let payload = Array(d[(i + 4)..<min(d.count, i + 2 + length)])
        if marker == 0xE1 {
            require(payload.starts(with: ImageSanitizer.exifHeader) && orientationOnly.contains(Array(payload.dropFirst(6))),
                    "JPEG: an APP1 other than the orientation survived")
        } else {
            require(!((0xE2...0xEF).contains(marker) && marker != 0xEE) && marker != 0xFE, "JPEG: metadata segment \(marker) survived")
        }
        i += 2 + length
        if marker == 0xDA { i = ImageSanitizer.entropyCodedEnd(d, from: min(i, d.count)) }
    }
}

func checkPNG(_ d: [UInt8]) {
    var i = 8
    while i + 8 <= d.count {
        let length = Int(d[i]) << 24 | Int(d[i + 1]) << 16 | Int(d[i + 2]) << 8 | Int(d[i + 3])
        let type = String(decoding: d[(i + 4)..<(i + 8)], as: UTF8.self)
        if type == "eXIf" {
            require(orientationOnly.contains(Array(d[(i + 8)..<(i + 8 + length)])), "PNG: an eXIf other than the orientation survived")
        } else {
            require(!ImageSanitizer.pngMetadataChunks.contains(type), "PNG: metadata chunk \(type) survived")
        }
        i += 12 + length
        if type == "IEND" { require(i == d.count, "PNG: bytes after IEND"); return }
    }
    fail("PNG: the cleaned photo has no IEND")
}

func checkWebP(_ d: [UInt8]) {
    let size = Int(d[4]) | Int(d[5]) << 8 | Int(d[6]) << 16 | Int(d[7]) << 24
    require(size == d.count - 8, "WebP: RIFF size \(size) for \(d.count) bytes")
    var i = 12
    var sawExif = false
    var exifFlag: Bool?
    while i + 8 <= d.count {
        let type = String(decoding: d[i..<(i + 4)], as: UTF8.self)
        let length = Int(d[i + 4]) | Int(d[i + 5]) << 8 | Int(d[i + 6]) << 16 | Int(d[i + 7]) << 24
        require(type != "XMP ", "WebP: XMP survived")
        if type == "EXIF" {
            require(orientationOnly.contains(Array(d[(i + 8)..<min(d.count, i + 8 + length)])), "WebP: an EXIF other than the orientation survived")
            sawExif = true
        }
        if type == "VP8X", exifFlag == nil, i + 8 < d.count, length > 0 {
            exifFlag = d[i + 8] & 0x08 != 0
            require(d[i + 8] & 0x04 == 0, "WebP: the VP8X still announces XMP")
        }
        i += 8 + length + (length & 1)
    }
    if let exifFlag { require(exifFlag == sawExif, "WebP: the VP8X EXIF flag says \(exifFlag), the chunks \(sawExif)") }
}
