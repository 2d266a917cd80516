import Foundation
import KertaCore
import Testing

/// Tiny but structurally real images with metadata that must go.
enum SampleImages {
    static let gpsMarker = Array("GPSLatitude-8.6577".utf8)

    /// SOI, APP0 JFIF, APP1 Exif (with a GPS marker), COM, DQT, SOS + data, EOI.
    static var jpegWithExif: [UInt8] {
        func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
            let length = payload.count + 2
            return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        }
        return [0xFF, 0xD8]
            + segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
            + segment(0xE1, Array("Exif\0\0".utf8) + gpsMarker)
            + segment(0xFE, Array("taken by Ni Luh".utf8))
            + segment(0xDB, [0] + Array(repeating: 1, count: 64))
            + segment(0xDA, [1, 1, 0, 0, 63, 0])
            + [0x12, 0x34, 0xFF, 0x00, 0x56]
            + [0xFF, 0xD9]
    }

    static var pngWithText: [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = UInt32(data.count)
            return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
            + chunk("eXIf", gpsMarker)
            + chunk("tEXt", Array("Author\0Ni Luh".utf8))
            + chunk("IDAT", [1, 2, 3])
            + chunk("IEND", [])
    }

    static var webpWithExif: [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = UInt32(data.count)
            return Array(type.utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + data + (data.count % 2 == 1 ? [0] : [])
        }
        let body = Array("WEBP".utf8) + chunk("VP8X", [0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0]) + chunk("VP8 ", [9, 8, 7, 6])
            + chunk("EXIF", gpsMarker) + chunk("XMP ", Array("<x:xmpmeta/>".utf8))
        let n = UInt32(body.count)
        return Array("RIFF".utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + body
    }
}

@Suite struct ImageSanitizerTests {
    func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    @Test func jpegLosesExifAndCommentsButKeepsThePicture() throws {
        let (clean, format) = try ImageSanitizer.sanitize(SampleImages.jpegWithExif)
        #expect(format == .jpeg)
        #expect(!contains(clean, SampleImages.gpsMarker))
        #expect(!contains(clean, Array("Exif".utf8)))
        #expect(!contains(clean, Array("Ni Luh".utf8)))
        #expect(contains(clean, Array("JFIF".utf8)))
        #expect(contains(clean, [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD9]))
    }

    @Test func pngLosesExifAndTextChunks() throws {
        let (clean, format) = try ImageSanitizer.sanitize(SampleImages.pngWithText)
        #expect(format == .png)
        #expect(!contains(clean, SampleImages.gpsMarker))
        #expect(!contains(clean, Array("Ni Luh".utf8)))
        #expect(contains(clean, Array("IDAT".utf8)) && contains(clean, Array("IEND".utf8)))
    }

    @Test func webpLosesExifAndXmpAndItsFlags() throws {
        let (clean, format) = try ImageSanitizer.sanitize(SampleImages.webpWithExif)
        #expect(format == .webp)
        #expect(!contains(clean, SampleImages.gpsMarker))
        #expect(!contains(clean, Array("xmpmeta".utf8)))
        #expect(clean[20] & 0x0C == 0) // VP8X flags
        let size = Int(clean[4]) | Int(clean[5]) << 8 | Int(clean[6]) << 16 | Int(clean[7]) << 24
        #expect(size == clean.count - 8)
    }

    @Test func formatIsDecidedByContentNotByName() {
        #expect(throws: ImageSanitizer.Failure.unsupportedFormat) { try ImageSanitizer.sanitize(Array("<html>not a photo</html>".utf8)) }
        #expect(throws: ImageSanitizer.Failure.unsupportedFormat) { try ImageSanitizer.sanitize(Array("GIF89a......".utf8)) }
        #expect(throws: ImageSanitizer.Failure.self) { try ImageSanitizer.sanitize(Array(SampleImages.jpegWithExif.prefix(30))) }
    }
}
