// libFuzzer target: the geometry readers of SensorThings (WKTParser for `geography'…'` literals,
// STAGeometry(geoJSON:) for stored locations) and the geo functions of SQLite's `kerta_geo` on what they give
// (STAGeometryFunctions.evaluate, the DE-9IM behind it, distances and lengths).
//
// The first byte: bit 0 reads the first geometry as GeoJSON (else WKT), bit 1 the second; bits 2-5 pick one
// more function to evaluate, bits 6-7 the st_relate pattern. The rest is the first text, then `|` and the
// second (without `|`, the first one twice).
//
// Invariants: a refusal is an STAGeometryError; what is accepted validates, and its WKT and its GeoJSON
// read back to the same geometry; the geo functions answer predicates with 0 or 1, `st_disjoint` as the
// opposite of `st_intersects`, a matrix's own pattern with 1, distances and lengths ≥ 0 (or refuse with an
// STAGeometryError). The functions only run on geometries of at most 128 positions between them, so the
// quadratic overlay stays quick.
import Foundation
@testable import KertaCore

let functionNames = ["geo.distance", "geo.length", "geo.intersects", "st_equals", "st_disjoint", "st_touches", "st_within",
                     "st_overlaps", "st_crosses", "st_intersects", "st_contains", "st_relate", "ST_Within", "st_nope", "geo.length", "st_touches"]
let patterns = ["T*F**F***", "ff*FF****", "212101212", "T*F"]
let maximumPositions = 128

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSTAGeometry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = input(data, size)
    guard let selector = bytes.first else { return 0 }
    let rest = bytes.dropFirst()
    let bar = rest.firstIndex(of: UInt8(ascii: "|"))
    let firstText = String(decoding: rest[..<(bar ?? rest.endIndex)], as: UTF8.self)
    let secondText = bar.map { String(decoding: rest[rest.index(after: $0)...], as: UTF8.self) } ?? firstText

    guard let a = read(firstText, geoJSON: selector & 1 != 0), let b = read(secondText, geoJSON: selector & 2 != 0) else { return 0 }
    guard a.geometry.positions.count + b.geometry.positions.count <= maximumPositions else { return 0 }

    let intersects = evaluate("st_intersects", a, b)
    let disjoint = evaluate("st_disjoint", a, b)
    require(intersects == nil && disjoint == nil || intersects.map { 1 - $0 } == disjoint,
            "st_intersects \(String(describing: intersects)) but st_disjoint \(String(describing: disjoint)) for \(a.argument) | \(b.argument)")
    _ = evaluate("geo.distance", a, b)
    _ = evaluate("geo.length", a, b)
    _ = evaluate(functionNames[Int(selector >> 2) & 15], a, b, pattern: patterns[Int(selector >> 6)])
    if let matrix = try? a.geometry.relate(b.geometry) {
        require(evaluate("st_relate", a, b, pattern: matrix.description) == 1,
                "st_relate does not match the matrix \(matrix) of \(a.argument) | \(b.argument)")
    }
    return 0
}

struct Read {
    let geometry: STAGeometry
    /// As `kerta_geo` is handed it: `WKT:` and the literal, or the GeoJSON text.
    let argument: String
}

func read(_ text: String, geoJSON: Bool) -> Read? {
    let geometry: STAGeometry
    do {
        geometry = geoJSON ? try STAGeometry(geoJSON: Data(text.utf8)) : try WKTParser.parse(text)
    } catch is STAGeometryError {
        return nil
    } catch {
        fail("reading \(text.debugDescription) threw \(type(of: error)): \(error)")
    }
    do { try geometry.validate() } catch { fail("\(text.debugDescription) reads to a geometry that does not validate: \(error)") }
    let wkt = geometry.wkt
    do {
        let again = try WKTParser.parse(wkt)
        require(again == geometry, "\(text.debugDescription) written as \(wkt.debugDescription) reads differently")
    } catch {
        fail("\(text.debugDescription) is written as WKT \(wkt.debugDescription), which does not read: \(error)")
    }
    let json = geometry.geoJSONString
    do {
        let again = try STAGeometry(geoJSON: json)
        require(again == geometry, "\(text.debugDescription) written as \(json.debugDescription) reads differently")
    } catch {
        fail("\(text.debugDescription) is written as GeoJSON \(json.debugDescription), which does not read: \(error)")
    }
    let argument = geoJSON ? text : "WKT:" + text
    guard let reread = try? STAGeometryFunctions.geometry(fromArgument: argument), reread == geometry else {
        fail("kerta_geo reads the argument \(argument.debugDescription) otherwise")
    }
    return Read(geometry: geometry, argument: argument)
}

/// One `kerta_geo` call; nil when it refuses.
func evaluate(_ name: String, _ a: Read, _ b: Read, pattern: String? = nil) -> Double? {
    let function = name.lowercased()
    let answer: Double?
    do {
        answer = try STAGeometryFunctions.evaluate(name: name, a.argument, function == "geo.length" ? nil : b.argument, pattern: pattern)
    } catch is STAGeometryError {
        return nil
    } catch {
        fail("\(name)(\(a.argument), \(b.argument)) threw \(type(of: error)): \(error)")
    }
    require(STAGeometryFunctions.names.contains(function), "\(name) is not a geo function, yet it answered")
    guard let answer else { fail("\(name)(\(a.argument), \(b.argument)) answered NULL for two geometries") }
    if function == "geo.distance" || function == "geo.length" {
        require(answer >= 0, "\(name)(\(a.argument), \(b.argument)) = \(answer)")
    } else {
        require(answer == 0 || answer == 1, "\(name)(\(a.argument), \(b.argument)) = \(answer), not 0 or 1")
    }
    return answer
}
