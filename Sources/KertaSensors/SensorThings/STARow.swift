import Foundation
import KertaCore
import SQLKit

/// One stored row written as the standard's JSON: `@iot.id`, `@iot.selfLink`, its properties, and a
/// navigation link for each relation.
struct STARow {
    let entity: STAEntityType
    let row: any SQLRow
    let base: String

    static func id(_ row: any SQLRow) throws -> Int64 { try row.decode(column: "id", as: Int64.self) }

    static func selfLink(_ entity: STAEntityType, _ id: Int64, base: String) -> String {
        "\(base)/\(entity.setName)(\(id))"
    }

    func members(select: [STASelectItem]) throws -> [(String, JSONValue)] {
        let id = try Self.id(row)
        let selfLink = Self.selfLink(entity, id, base: base)
        let storage = STAStorage.of(entity)
        var members: [(String, JSONValue)] = []
        if select.isEmpty {
            members = [("@iot.id", .int(id)), ("@iot.selfLink", .string(selfLink))]
            for field in storage.fields {
                let value = try value(of: field)
                // The standard's mandatory properties are written even when null (an Observation's resultTime).
                if value.isNull, !(field.required && field.kind == .result), !(entity == .observation && field.name == "resultTime") { continue }
                members.append((field.name, value))
            }
            for link in storage.links { members.append(("\(link.name)@iot.navigationLink", .string("\(selfLink)/\(link.name)"))) }
            return members
        }
        for item in select {
            switch item {
            case .property(let property):
                if property.name == STAProperty.idName {
                    members.append(("@iot.id", .int(id)))
                } else if property.name == "@iot.selfLink" {
                    members.append(("@iot.selfLink", .string(selfLink)))
                } else {
                    members.append((property.name, try value(of: property.name)))
                }
            case .navigation(let navigation):
                members.append(("\(navigation.name)@iot.navigationLink", .string("\(selfLink)/\(navigation.name)")))
            }
        }
        return members
    }

    func value(of name: String) throws -> JSONValue {
        if name == STAProperty.idName || name == "id" { return .int(try Self.id(row)) }
        guard let field = STAStorage.of(entity).field(name) else { throw STAError.bad("unknown property '\(name)' of \(entity.singularName)") }
        return try value(of: field)
    }

    private func value(of field: STAStorage.Field) throws -> JSONValue {
        switch field.kind {
        case .text:
            return try row.decode(column: field.column, as: String?.self).map(JSONValue.string) ?? .null
        case .json, .geometry:
            guard let text = try row.decode(column: field.column, as: String?.self) else { return .null }
            return JSONValue.parse(text) ?? .string(text)
        case .time:
            return try row.decode(column: field.column, as: Date?.self).map { .string(STATime.text($0)) } ?? .null
        case .interval(let end):
            guard let start = try row.decode(column: field.column, as: Date?.self) else { return .null }
            return .string(STATime.text(start: start, end: try row.decode(column: end, as: Date?.self)))
        case .result:
            let text = try row.decode(column: "result", as: String.self)
            if let number = try row.decode(column: "result_number", as: Double?.self) {
                return text.contains(".") || text.contains("e") || text.contains("E") ? .double(number) : (JSONValue.parse(text) ?? .double(number))
            }
            return JSONValue.parse(text) ?? .string(text)
        }
    }
}
