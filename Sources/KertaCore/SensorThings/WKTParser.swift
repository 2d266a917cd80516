import Foundation

/// Reads the Well-Known Text literals of SensorThings filters (`geography'POINT(115.21 -8.65)'` reaches
/// here as `POINT(115.21 -8.65)`), OGC 06-103r4 §7 plus PostGIS's `SRID=4326;` prefix.
///
/// Literals come straight from query strings, so the reader is a single forward pass over bytes with no
/// recursion but for collections (bounded by ``STAGeometry/maximumNesting``), and every refusal says what
/// was expected and where. Keywords are case-insensitive; Z and M ordinates are read and dropped, the
/// geo functions being two-dimensional.
public struct WKTParser {
    private let bytes: [UInt8]
    private var index = 0

    private init(_ text: some StringProtocol) {
        bytes = Array(text.utf8)
    }

    public static func parse(_ text: some StringProtocol) throws -> STAGeometry {
        var parser = WKTParser(text)
        parser.skipSpace()
        try parser.srid()
        let geometry = try parser.geometry(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else {
            throw parser.error("unexpected \(parser.found) after the end of the \(geometry.typeName)")
        }
        do {
            try geometry.validate()
        } catch let e as STAGeometryError {
            throw STAGeometryError(e.kind, e.message, offset: nil)
        }
        return geometry
    }

    // MARK: Grammar

    private mutating func srid() throws {
        let start = index
        guard let word = peekWord(), word == "SRID" else { return }
        index += 4
        skipSpace()
        try expect("=", "'=' after SRID")
        skipSpace()
        let digitsStart = index
        while let b = peek(), b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { index += 1 }
        let digits = String(decoding: bytes[digitsStart..<index], as: UTF8.self)
        guard !digits.isEmpty else { throw error("expected the SRID number, found \(found)") }
        skipSpace()
        try expect(";", "';' after SRID=\(digits)")
        guard Int(digits) == 4326 else {
            throw STAGeometryError(.unsupported, "only SRID=4326 (longitude, latitude) is supported, not SRID=\(digits.prefix(12))", offset: start)
        }
        skipSpace()
    }

    private static let types = ["POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"]

    private mutating func geometry(depth: Int) throws -> STAGeometry {
        skipSpace()
        let start = index
        guard var tag = peekWord() else { throw error("expected a geometry type such as POINT, found \(found)") }
        index += tag.utf8.count
        var ordinates = 0  // 0: as many as the first position has (2 to 4)
        if !Self.types.contains(tag) {
            // PostGIS also takes the dimension glued on: POINTZ, LINESTRINGM, POLYGONZM.
            if let base = Self.types.first(where: { tag.hasPrefix($0) && ["Z", "M", "ZM"].contains(String(tag.dropFirst($0.count))) }) {
                ordinates = tag.count - base.count == 2 ? 4 : 3
                tag = base
            } else {
                throw STAGeometryError(.malformedWKT, "unknown geometry type '\(tag.prefix(40))' at offset \(start)", offset: start)
            }
        }
        skipSpace()
        if ordinates == 0, let word = peekWord(), ["Z", "M", "ZM"].contains(word) {
            ordinates = word.count == 2 ? 4 : 3
            index += word.count
            skipSpace()
        }
        if peekWord() == "EMPTY" {
            throw STAGeometryError(.unsupported, "\(tag) EMPTY at offset \(index): empty geometries are not supported", offset: index)
        }
        switch tag {
        case "POINT":
            try expect("(", "'('")
            let position = try position(ordinates)
            skipSpace()
            try expect(")", "')' after the point's numbers")
            return .point(position)
        case "LINESTRING":
            return .lineString(try list(ordinates) { try $0.position(ordinates) })
        case "POLYGON":
            return .polygon(try polygon(ordinates))
        case "MULTIPOINT":
            // Both the 1.1 form MULTIPOINT(1 2, 3 4) and the 1.2 form MULTIPOINT((1 2), (3 4)).
            return .multiPoint(try list(ordinates) { p in
                p.skipSpace()
                if p.peek() == UInt8(ascii: "(") {
                    p.index += 1
                    let position = try p.position(ordinates)
                    p.skipSpace()
                    try p.expect(")", "')' after the point")
                    return position
                }
                return try p.position(ordinates)
            })
        case "MULTILINESTRING":
            return .multiLineString(try list(ordinates) { p in try p.list(ordinates) { try $0.position(ordinates) } })
        case "MULTIPOLYGON":
            return .multiPolygon(try list(ordinates) { try $0.polygon(ordinates) })
        default:  // GEOMETRYCOLLECTION
            guard depth < STAGeometry.maximumNesting else {
                throw STAGeometryError(.malformedWKT, "geometry collections nest deeper than \(STAGeometry.maximumNesting) levels at offset \(start)", offset: start)
            }
            return .geometryCollection(try list(ordinates) { try $0.geometry(depth: depth + 1) })
        }
    }

    /// Rings are checked here, not only in `validate()`, so the error can point at the ring.
    private mutating func polygon(_ ordinates: Int) throws -> [[STAGeometry.Position]] {
        try list(ordinates) { p in
            p.skipSpace()
            let start = p.index
            let ring = try p.list(ordinates) { try $0.position(ordinates) }
            guard let first = ring.first, let last = ring.last, first == last else {
                throw STAGeometryError(.invalidGeometry,
                    "the polygon ring at offset \(start) is not closed: its first point must equal its last", offset: start)
            }
            guard ring.count >= 4 else {
                throw STAGeometryError(.invalidGeometry,
                    "the polygon ring at offset \(start) has \(ring.count) points; a closed ring needs at least 4", offset: start)
            }
            return ring
        }
    }

    /// `( item , item … )`, never empty.
    private mutating func list<T>(_ ordinates: Int, _ item: (inout WKTParser) throws -> T) throws -> [T] {
        skipSpace()
        try expect("(", "'('")
        var items: [T] = []
        while true {
            items.append(try item(&self))
            skipSpace()
            if peek() == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(")", "',' or ')'")
            return items
        }
    }

    /// `x y [z [m]]`; `ordinates` 0 takes 2 to 4.
    private mutating func position(_ ordinates: Int) throws -> STAGeometry.Position {
        skipSpace()
        let x = try number()
        skipSpace()
        let y = try number()
        var count = 2
        while true {
            skipSpace()
            guard let b = peek(), Self.startsNumber(b) else { break }
            guard count < 4 else { throw error("a position has at most 4 numbers, found a fifth") }
            _ = try number()
            count += 1
        }
        if ordinates != 0, count != ordinates {
            throw error("expected \(ordinates) numbers in each position of this geometry, found \(count)")
        }
        return STAGeometry.Position(x: x, y: y)
    }

    private static func startsNumber(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
    }

    /// `[+-] digits [. digits] [e [+-] digits]` (or `.digits`), then a separator: `1.2.3` or `1-2` is one
    /// bad number, not two good ones.
    private mutating func number() throws -> Double {
        let start = index
        func digits() -> Int {
            let from = index
            while let b = peek(), b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { index += 1 }
            return index - from
        }
        if let b = peek(), b == UInt8(ascii: "-") || b == UInt8(ascii: "+") { index += 1 }
        var count = digits()
        if peek() == UInt8(ascii: ".") {
            index += 1
            count += digits()
        }
        var valid = count > 0
        if valid, let b = peek(), b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            index += 1
            if let s = peek(), s == UInt8(ascii: "-") || s == UInt8(ascii: "+") { index += 1 }
            valid = digits() > 0
        }
        if let b = peek(), !(Self.isSpace(b) || b == UInt8(ascii: ",") || b == UInt8(ascii: ")")) {
            valid = false
            while let b = peek(), !(Self.isSpace(b) || b == UInt8(ascii: ",") || b == UInt8(ascii: ")") || b == UInt8(ascii: "(")) {
                index += 1
            }
        }
        guard valid else {
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            index = start
            throw error(text.isEmpty ? "expected a number, found \(found)" : "'\(text.prefix(40))' is not a number")
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw STAGeometryError(.invalidGeometry, "the number '\(text.prefix(40))' at offset \(start) is out of range", offset: start)
        }
        return value
    }

    // MARK: Bytes

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private static func isLetterOrDigit(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    private mutating func skipSpace() {
        while let b = peek(), Self.isSpace(b) { index += 1 }
    }

    /// The run of ASCII letters here, uppercased, without consuming it.
    private func peekWord() -> String? {
        var end = index
        while end < bytes.count, (bytes[end] | 0x20) >= UInt8(ascii: "a"), (bytes[end] | 0x20) <= UInt8(ascii: "z") { end += 1 }
        return end > index ? String(decoding: bytes[index..<end], as: UTF8.self).uppercased() : nil
    }

    private mutating func expect(_ c: Character, _ what: String) throws {
        guard let ascii = c.asciiValue, peek() == ascii else { throw error("expected \(what), found \(found)") }
        index += 1
    }

    /// What is at the current offset, for messages: a quoted character, or the end.
    private var found: String {
        guard let b = peek() else { return "the end of the text" }
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16, uppercase: true)
    }

    private func error(_ message: String) -> STAGeometryError {
        STAGeometryError(.malformedWKT, "\(message) at offset \(index)", offset: index)
    }
}
