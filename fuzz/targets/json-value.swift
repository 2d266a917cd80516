// libFuzzer target: JSONValue.parse, the reader of SensorThings' free-form `properties`, `result`,
// `parameters` and `unitOfMeasurement`. Invariants: a parsed value written with `.text` parses back to an
// equal value, and so does what JSONEncoder makes of it (the Codable path of the HTTP layer); the
// accessors answer without trapping.
import Foundation
@testable import KertaCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONValue(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(input(data, size))
    guard let value = JSONValue.parse(bytes) else { return 0 }
    let text = value.text
    guard let again = JSONValue.parse(text) else { fail("\(value) is written as \(text.debugDescription), which does not parse") }
    require(again == value, "\(String(decoding: bytes, as: UTF8.self).debugDescription) written as \(text.debugDescription) reads as \(again)")
    if let encoded = try? JSONEncoder().encode(value) {
        require(JSONValue.parse(encoded) == value, "JSONEncoder writes \(value) as \(String(decoding: encoded, as: UTF8.self).debugDescription)")
    }
    var out = "x"
    value.write(to: &out)
    require(out == "x" + text, "write(to:) appends something else than .text")
    for member in [value] + (value.members?.map(\.1) ?? []) {
        _ = (member.string, member.number, member.int, member.isNull, member["type"], member["coordinates"])
    }
    return 0
}
