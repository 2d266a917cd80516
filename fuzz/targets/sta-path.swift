// libFuzzer target: SensorThings resource paths after `/sta/v1.1/` (STAPath(parsing:)). Invariants: an
// accepted path names real entity sets, navigations and properties, linked as the schema links them (an id
// only on what can take one, nothing after `$value`/`$ref`); written back from its segments it reads the
// same; a refusal is an STAQueryError of option `path` whose position lies inside the text (or just after it).
import Foundation
@testable import KertaCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSTAPath(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: input(data, size), as: UTF8.self)
    let path: STAPath
    do {
        path = try STAPath(parsing: text)
    } catch let error as STAQueryError {
        require(error.option == "path", "STAPath(parsing: \(text.debugDescription)) refused under option \(error.option)")
        if let position = error.position {
            require((1...text.unicodeScalars.count + 1).contains(position),
                    "STAPath(parsing: \(text.debugDescription)) refused at \(position), outside the text: \(error)")
        }
        return 0
    } catch {
        fail("STAPath(parsing: \(text.debugDescription)) threw \(type(of: error)): \(error)")
    }

    guard let first = path.segments.first else { fail("\(text.debugDescription) gave a path without segments") }
    require(first.navigation == nil && STAEntityType(setName: first.name) == first.entity,
            "\(text.debugDescription): the first segment \(first.name) is not the entity set \(first.entity.setName)")
    for (previous, segment) in zip(path.segments, path.segments.dropFirst()) {
        guard let navigation = segment.navigation else { fail("\(text.debugDescription): segment \(segment.name) has no navigation") }
        require(navigation.source == previous.entity && navigation.target == segment.entity
                    && previous.entity.navigation(named: segment.name) == navigation,
                "\(text.debugDescription): \(segment.name) is not a navigation of \(previous.entity.singularName) to \(segment.entity)")
        require(!previous.isCollection, "\(text.debugDescription): \(segment.name) follows the collection \(previous.name)")
        require(navigation.toMany || segment.id == nil, "\(text.debugDescription): the to-one \(segment.name) has an id")
    }
    if let property = path.property {
        require(path.entity.properties.contains(property), "\(text.debugDescription): \(property.name) is not a property of \(path.entity)")
        require(!path.isCollection, "\(text.debugDescription): a property is a collection")
    }
    require(!path.value || path.property != nil, "\(text.debugDescription): $value without a property")
    require(!path.ref || path.property == nil, "\(text.debugDescription): $ref after a property")
    require(!(path.value && path.ref), "\(text.debugDescription): both $value and $ref")

    // Written back as a client would (ids unquoted, `@iot.id` for `id`), it reads the same.
    var parts = path.segments.map { $0.name + ($0.id.map { "(\($0))" } ?? "") }
    if let property = path.property { parts.append(property.name) }
    if path.value { parts.append("$value") }
    if path.ref { parts.append("$ref") }
    let written = parts.joined(separator: "/")
    guard let again = try? STAPath(parsing: written) else {
        fail("\(text.debugDescription) parses, written back as \(written.debugDescription) it does not")
    }
    require(again == path, "\(text.debugDescription) written back as \(written.debugDescription) reads differently")
    require((try? STAPath(parsing: "/" + written + "/")) == path, "\(written.debugDescription) reads differently between slashes")
    return 0
}
