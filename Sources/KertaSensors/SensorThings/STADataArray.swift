import Foundation
import KertaCore

/// The Data Array extension's body for `CreateObservations`: per Datastream, the names of the columns and
/// rows of values. Every row is checked before anything is stored, so a bad row refuses the whole request
/// with its position, and nothing is half-written.
struct STADataArray: Sendable {
    struct Group: Sendable {
        let datastream: Int64
        let rows: [JSONValue]
    }

    static let components: Set<String> = ["id", "phenomenonTime", "resultTime", "result", "resultQuality", "validTime", "parameters", "FeatureOfInterest/id"]

    static func parse(_ body: JSONValue) throws -> [Group] {
        guard case .array(let items) = body else { throw STAError.bad("CreateObservations takes an array of {Datastream, components, dataArray}") }
        var groups: [Group] = []
        for (index, item) in items.enumerated() {
            let place = "[\(index)]"
            guard let stream = item["Datastream"]?["@iot.id"]?.int else { throw STAError.bad("\(place).Datastream must name a Datastream by @iot.id") }
            guard case .array(let names)? = item["components"], !names.isEmpty else { throw STAError.bad("\(place).components must list the columns") }
            let components = try names.map { name -> String in
                guard let text = name.string, Self.components.contains(text), text != "id" else {
                    throw STAError.bad("\(place).components: '\(name.string ?? name.text)' is not an Observation property here")
                }
                return text
            }
            guard Set(components).count == components.count else { throw STAError.bad("\(place).components lists a column twice") }
            guard components.contains("result") else { throw STAError.bad("\(place).components must include result") }
            guard case .array(let rows)? = item["dataArray"] else { throw STAError.bad("\(place).dataArray must be an array of rows") }
            var observations: [JSONValue] = []
            observations.reserveCapacity(rows.count)
            for (rowIndex, row) in rows.enumerated() {
                guard case .array(let values) = row, values.count == components.count else {
                    throw STAError.bad("\(place).dataArray[\(rowIndex)] must have \(components.count) values, one per component")
                }
                var members: [(String, JSONValue)] = [("Datastream", .object([("@iot.id", .int(stream))]))]
                for (name, value) in zip(components, values) {
                    if name == "FeatureOfInterest/id" {
                        guard let id = value.int else { throw STAError.bad("\(place).dataArray[\(rowIndex)]: FeatureOfInterest/id must be an integer") }
                        members.append(("FeatureOfInterest", .object([("@iot.id", .int(id))])))
                    } else {
                        members.append((name, value))
                    }
                }
                observations.append(.object(members))
            }
            groups.append(Group(datastream: stream, rows: observations))
        }
        return groups
    }

    /// The new observations' ids, in the order of the rows.
    static func store(_ groups: [Group], with writer: STAWriter) async throws -> [Int64] {
        var ids: [Int64] = []
        for (index, group) in groups.enumerated() {
            guard try await writer.exists(.datastream, group.datastream) else { throw STAError.bad("[\(index)].Datastream: no Datastream(\(group.datastream))") }
            ids += try await writer.createObservations(group.rows.enumerated().map { ($0.element, "[\(index)].dataArray[\($0.offset)]") }, stream: group.datastream)
        }
        return ids
    }
}
