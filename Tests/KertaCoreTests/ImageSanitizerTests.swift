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

/// Photos as phones write them: an EXIF block with the camera, the orientation, a GPS position and a thumbnail.
extension SampleImages {
    static let cameraMarker = Array("Samsung".utf8)
    static let thumbnailMarker = Array("thumbnail-of-the-street".utf8)

    /// A TIFF structure (what follows `Exif\0\0`): IFD0 with Make, Orientation (when given) and a pointer to
    /// the GPS IFD (whose data holds `gpsMarker`), then IFD1 with a JPEG thumbnail.
    static func exifTIFF(orientation: Int?, littleEndian: Bool = true) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { littleEndian ? [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] : [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { littleEndian ? u16(v & 0xFFFF) + u16(v >> 16) : u16(v >> 16) + u16(v & 0xFFFF) }
        func entry(_ tag: Int, _ type: Int, _ count: Int, _ value: [UInt8]) -> [UInt8] {
            u16(tag) + u16(type) + u32(count) + value + Array(repeating: 0, count: 4 - value.count)
        }
        let make = cameraMarker + [0]
        let ifd0Entries = orientation == nil ? 2 : 3
        let makeAt = 8 + 2 + 12 * ifd0Entries + 4
        let gpsAt = makeAt + make.count
        let gpsDataAt = gpsAt + 2 + 12 * 2 + 4
        let ifd1At = gpsDataAt + gpsMarker.count + gpsMarker.count % 2
        let thumbnail = [0xFF, 0xD8] + thumbnailMarker + [0xFF, 0xD9]
        let thumbnailAt = ifd1At + 2 + 12 * 2 + 4
        var tiff = (littleEndian ? Array("II".utf8) : Array("MM".utf8)) + u16(42) + u32(8)
        tiff += u16(ifd0Entries) + entry(0x010F, 2, make.count, u32(makeAt))
        if let orientation { tiff += entry(0x0112, 3, 1, u16(orientation)) }
        tiff += entry(0x8825, 4, 1, u32(gpsAt)) + u32(ifd1At)
        tiff += make
        tiff += u16(2) + entry(0x0001, 2, 2, Array("S\0".utf8)) + entry(0x001B, 7, gpsMarker.count, u32(gpsDataAt)) + u32(0)
        tiff += gpsMarker + Array(repeating: 0, count: gpsMarker.count % 2)
        tiff += u16(2) + entry(0x0201, 4, 1, u32(thumbnailAt)) + entry(0x0202, 4, 1, u32(thumbnail.count)) + u32(0)
        return tiff + thumbnail
    }

    static func jpegSegment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    /// SOI, APP0 JFIF, APP1 EXIF (`tiff`), DQT, SOS + data, EOI.
    static func jpeg(exif tiff: [UInt8]?) -> [UInt8] {
        [0xFF, 0xD8]
            + jpegSegment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
            + (tiff.map { jpegSegment(0xE1, Array("Exif\0\0".utf8) + $0) } ?? [])
            + jpegSegment(0xDB, [0] + Array(repeating: 1, count: 64))
            + jpegSegment(0xDA, [1, 1, 0, 0, 63, 0])
            + [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD3, 0x78]
            + [0xFF, 0xD9]
    }

    /// The APP1 segment the sanitizer writes for `orientation`: the EXIF header and a 26-byte TIFF with one tag.
    static func orientationSegment(_ orientation: UInt8) -> [UInt8] {
        jpegSegment(0xE1, Array("Exif\0\0".utf8) + [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0])
    }

    static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let n = UInt32(data.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
    }

    static func webpChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let n = UInt32(data.count)
        return Array(type.utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + data + (data.count % 2 == 1 ? [0] : [])
    }

    static func riff(_ chunks: [UInt8]) -> [UInt8] {
        let body = Array("WEBP".utf8) + chunks
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

    // MARK: Orientation (issue 11 item 8)

    func exifSegments(_ jpeg: [UInt8]) -> [[UInt8]] {
        var segments: [[UInt8]] = []
        var i = 2
        while i + 4 <= jpeg.count, jpeg[i] == 0xFF, jpeg[i + 1] != 0xDA {
            let length = Int(jpeg[i + 2]) << 8 | Int(jpeg[i + 3])
            if jpeg[i + 1] == 0xE1 { segments.append(Array(jpeg[i..<(i + 2 + length)])) }
            i += 2 + length
        }
        return segments
    }

    @Test func jpegKeepsItsOrientationAndLosesTheRestOfItsExif() throws {
        for littleEndian in [true, false] {
            let photo = SampleImages.jpeg(exif: SampleImages.exifTIFF(orientation: 6, littleEndian: littleEndian))
            #expect(contains(photo, SampleImages.gpsMarker) && contains(photo, SampleImages.cameraMarker))
            let (clean, format) = try ImageSanitizer.sanitize(photo)
            #expect(format == .jpeg)
            #expect(!contains(clean, SampleImages.gpsMarker))
            #expect(!contains(clean, SampleImages.cameraMarker))
            #expect(!contains(clean, SampleImages.thumbnailMarker))
            #expect(exifSegments(clean) == [SampleImages.orientationSegment(6)])
            #expect(ExifOrientation.read(SampleImages.orientationSegment(6).dropFirst(4 + 6)) == 6)
            // Where the EXIF was, after JFIF; the picture untouched; cleaning again changes nothing.
            #expect(clean.starts(with: [0xFF, 0xD8] + SampleImages.jpegSegment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
                + SampleImages.orientationSegment(6)))
            #expect(contains(clean, [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD3, 0x78, 0xFF, 0xD9]))
            #expect(try ImageSanitizer.sanitize(clean).bytes == clean)
        }
        #expect(ExifOrientation.read(ArraySlice(SampleImages.exifTIFF(orientation: 8, littleEndian: false))) == 8)
        #expect(ExifOrientation.read(ArraySlice(SampleImages.exifTIFF(orientation: 1))) == 1)
    }

    @Test func noOrientationInMeansNoExifOut() throws {
        for photo in [SampleImages.jpeg(exif: SampleImages.exifTIFF(orientation: nil)), SampleImages.jpeg(exif: nil),
                      SampleImages.jpeg(exif: SampleImages.exifTIFF(orientation: 9)), SampleImages.jpeg(exif: SampleImages.exifTIFF(orientation: 0))] {
            let (clean, _) = try ImageSanitizer.sanitize(photo)
            #expect(exifSegments(clean).isEmpty)
            #expect(!contains(clean, Array("Exif".utf8)))
            #expect(!contains(clean, SampleImages.gpsMarker))
        }
    }

    /// Cut or lying EXIF blocks give no orientation and never read outside the segment.
    @Test func brokenExifGivesNoOrientation() {
        let good = SampleImages.exifTIFF(orientation: 6)
        for length in 0..<(8 + 2 + 12 + 10) {
            #expect(ExifOrientation.read(good[0..<length]) == nil)
        }
        #expect(ExifOrientation.read(good[0...]) == 6)
        var farIFD = good; farIFD[4] = 0xFF; farIFD[5] = 0xFF; farIFD[6] = 0xFF; farIFD[7] = 0xFF
        #expect(ExifOrientation.read(farIFD[0...]) == nil)
        var manyEntries = good; manyEntries[8] = 0xFF; manyEntries[9] = 0xFF
        #expect(ExifOrientation.read(manyEntries[0...]) == 6) // the tag is found before the count runs out
        var notTIFF = good; notTIFF[2] = 43
        #expect(ExifOrientation.read(notTIFF[0...]) == nil)
        // A slice that does not start at 0, as the sanitizer passes it.
        let framed = [1, 2, 3] + good + [4]
        #expect(ExifOrientation.read(framed[3..<(3 + good.count)]) == 6)
    }

    @Test func pngAndWebPKeepTheirOrientationToo() throws {
        let png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + SampleImages.pngChunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
            + SampleImages.pngChunk("eXIf", SampleImages.exifTIFF(orientation: 6))
            + SampleImages.pngChunk("IDAT", [1, 2, 3]) + SampleImages.pngChunk("IEND", [])
        let cleanPNG = try ImageSanitizer.sanitize(png).bytes
        #expect(!contains(cleanPNG, SampleImages.gpsMarker) && !contains(cleanPNG, SampleImages.cameraMarker))
        // eXIf with the 26-byte TIFF and its CRC (zlib.crc32 of b"eXIf" + the TIFF).
        let tiff: [UInt8] = [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]
        #expect(contains(cleanPNG, [0, 0, 0, 26] + Array("eXIf".utf8) + tiff + [0xD6, 0x67, 0x4B, 0x69]))
        #expect(try ImageSanitizer.sanitize(cleanPNG).bytes == cleanPNG)

        let webp = SampleImages.riff(SampleImages.webpChunk("VP8X", [0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0]) + SampleImages.webpChunk("VP8 ", [9, 8, 7, 6])
            + SampleImages.webpChunk("EXIF", SampleImages.exifTIFF(orientation: 3)) + SampleImages.webpChunk("XMP ", Array("<x:xmpmeta/>".utf8)))
        let cleanWebP = try ImageSanitizer.sanitize(webp).bytes
        #expect(!contains(cleanWebP, SampleImages.gpsMarker) && !contains(cleanWebP, Array("xmpmeta".utf8)))
        #expect(contains(cleanWebP, Array("EXIF".utf8) + [26, 0, 0, 0] + tiff[0..<19] + [3]))
        #expect(cleanWebP[20] & 0x0C == 0x08) // VP8X: EXIF yes, XMP no
        #expect(try ImageSanitizer.sanitize(cleanWebP).bytes == cleanWebP)

        // A simple-format WebP (no VP8X) may not carry EXIF: it goes, orientation or not.
        let simple = SampleImages.riff(SampleImages.webpChunk("VP8 ", [9, 8, 7, 6]) + SampleImages.webpChunk("EXIF", SampleImages.exifTIFF(orientation: 6)))
        #expect(!contains(try ImageSanitizer.sanitize(simple).bytes, Array("EXIF".utf8)))
    }

    /// Found by fuzz/targets/image: after a scan that ends at a comment, `FF 00` was read as a segment whose
    /// "length" swallowed a second comment, which survived; cleaning the result again read it as scan data.
    @Test func aStuffedByteOutsideTheScanIsRefused() throws {
        let hidden: [UInt8] = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xFE, 0x00, 0x02,
                               0xFF, 0x00, 0x00, 0x06, 0xFF, 0xFE, 0x00, 0x02, 0xFF, 0xD9]
        #expect(throws: ImageSanitizer.Failure.self) { try ImageSanitizer.sanitize(hidden) }
        // The fuzzer's own input, cut to its first 48 bytes (the pattern repeats).
        let found: [UInt8] = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xFE, 0x00, 0x02, 0xFF, 0xFE, 0x00, 0x02, 0xFF, 0x00,
                              0x00, 0xDA, 0x00, 0x02, 0x00, 0x02, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xFE, 0x00, 0x02, 0xFF, 0xFE,
                              0x00, 0x02, 0xFF, 0xFE, 0x00, 0x02, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xFE, 0x00, 0x02, 0xFF, 0xD9]
        #expect(throws: ImageSanitizer.Failure.self) { try ImageSanitizer.sanitize(found) }
        // Inside a scan, FF 00 is data and stays.
        let photo = SampleImages.jpeg(exif: nil)
        #expect(try ImageSanitizer.sanitize(photo).bytes == photo)
    }

    /// Phones append a second picture (MPF), a motion-photo video or a maker trailer after the end of the
    /// image, each with metadata of its own: nothing after EOI is kept.
    @Test func jpegLosesWhatFollowsTheEndOfImage() throws {
        let trailer = SampleImages.jpeg(exif: SampleImages.exifTIFF(orientation: nil)) + Array("SEFHmotion-photo".utf8)
        let photo = SampleImages.jpeg(exif: nil)
        let clean = try ImageSanitizer.sanitize(photo + trailer).bytes
        #expect(clean == photo)
        #expect(!contains(clean, SampleImages.gpsMarker))
        // Progressive files: metadata between two scans goes too, the scans stay.
        let progressive = Array(photo.dropLast(2)) + SampleImages.jpegSegment(0xE1, Array("Exif\0\0".utf8) + SampleImages.gpsMarker)
            + SampleImages.jpegSegment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x9A, 0xFF, 0x00] + [0xFF, 0xD9]
        let cleanProgressive = try ImageSanitizer.sanitize(progressive).bytes
        #expect(!contains(cleanProgressive, SampleImages.gpsMarker))
        #expect(cleanProgressive == Array(photo.dropLast(2)) + SampleImages.jpegSegment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x9A, 0xFF, 0x00, 0xFF, 0xD9])
        // A file cut inside its scan is kept as sent (browsers show what they can).
        let cut = Array(photo.dropLast(3))
        #expect(try ImageSanitizer.sanitize(cut).bytes == cut)
    }
}
