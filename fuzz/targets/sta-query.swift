// libFuzzer target: the SensorThings system query options (STAQueryOptions(parsing:entity:)), with the
// `$filter`/`$orderby` parser behind them, and what the server then does with what they accept: every
// `$filter` and `$orderby`, top level and inside `$expand`, compiled by STASQLCompiler for SQLite and for
// PostgreSQL with and without PostGIS, and the geometry literals read by the WKT parser.
//
// The first byte picks the entity (bits 0-2), the option (bits 3-6: `$filter` most often, then `$orderby`
// and `$expand`, …, or `&`: the rest is a decoded query string `k=v&k=v`) and, bit 7, its name in capitals;
// the rest is the option's value.
//
// Invariants: a refusal is an STAQueryError; the same items parse to the same options; what is accepted
// refers to the schema (selected and expanded names are the entity's own, `$top` within bounds, `$expand`
// at most 16 deep, `$resultFormat`/`$id` only at the top); and a compiled fragment carries every value
// a client wrote as a bind: its text is exactly the same when every literal and JSON member name of the
// expression is replaced by another of the same kind (strings of the same length, so a valid `st_relate`
// pattern stays one), the number of binds too, and its text never holds a placeholder character of its own.
import Foundation
@testable import KertaCore

let entities = STAEntityType.allCases
let optionKeys = ["$filter", "$filter", "$filter", "$filter", "$orderby", "$orderby", "$expand", "$expand",
                  "$expand", "$select", "$top", "$skip", "$count", "$resultFormat", "$id", "&"]
let compilers = [STASQLDialect.sqlite, .postgres(postgis: true), .postgres(postgis: false)]
    .map { STASQLCompiler(dialect: $0, now: Date(timeIntervalSince1970: 1_790_000_000)) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSTAQuery(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = input(data, size)
    guard let selector = bytes.first else { return 0 }
    let entity = entities[Int(selector & 7)]
    let key = optionKeys[Int(selector >> 3) & 15]
    let value = String(decoding: bytes.dropFirst(), as: UTF8.self)
    var items: [String: String] = [:]
    if key == "&" {
        for pair in value.split(separator: "&") {
            if let equals = pair.firstIndex(of: "=") {
                items[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            } else {
                items[String(pair)] = ""
            }
        }
    } else {
        items[selector & 0x80 != 0 ? key.uppercased() : key] = value
    }

    let options: STAQueryOptions
    do {
        options = try STAQueryOptions(parsing: items, entity: entity)
    } catch is STAQueryError {
        return 0
    } catch {
        fail("STAQueryOptions(parsing: \(items), entity: .\(entity)) threw \(type(of: error)): \(error)")
    }
    require((try? STAQueryOptions(parsing: items, entity: entity)) == options, "\(items) parses differently the second time")
    check(options, entity: entity, depth: 0, label: "\(items) on \(entity.setName)")
    return 0
}

/// The options of one level (the request's, or an expanded navigation's), and the levels they expand.
func check(_ options: STAQueryOptions, entity: STAEntityType, depth: Int, label: String) {
    require(options.entity == entity, "\(label): options for \(options.entity) at \(entity)")
    require(depth <= STAQueryOptions.maxExpandDepth, "\(label): $expand nested \(depth) deep")
    require((0...STAQueryOptions.maxTop).contains(options.top) && options.skip >= 0, "\(label): $top \(options.top), $skip \(options.skip)")
    require(depth == 0 || (options.resultFormat == nil && options.id == nil), "\(label): $resultFormat or $id inside $expand")
    for item in options.select {
        switch item {
        case .property(let property): require(entity.properties.contains(property), "\(label): $select of \(property.name)")
        case .navigation(let navigation): require(entity.navigations.contains(navigation), "\(label): $select of \(navigation.name)")
        }
    }
    if let filter = options.filter {
        for wkt in filter.geometryLiterals.prefix(8) where wkt.utf8.count <= 4096 { _ = try? WKTParser.parse(wkt) }
        compile(label + " $filter", entity) { compiler, substitute in
            try compiler.condition(substitute.map { perturbed(filter, $0) } ?? filter, entity: entity, alias: "o")
        }
    }
    if !options.orderBy.isEmpty {
        compile(label + " $orderby", entity) { compiler, substitute in
            let items = substitute.map { v in options.orderBy.map { STAOrderItem(perturbed($0.expression, v), descending: $0.descending) } }
            return try compiler.orderBy(items ?? options.orderBy, entity: entity, alias: "o")
        }
    }
    var expanded: Set<String> = []
    for item in options.expand {
        require(item.navigation.source == entity && entity.navigations.contains(item.navigation),
                "\(label): $expand of \(item.navigation.name), not a navigation of \(entity.singularName)")
        require(expanded.insert(item.navigation.name).inserted, "\(label): \(item.navigation.name) expanded twice")
        check(item.options, entity: item.navigation.target, depth: depth + 1, label: label + " > " + item.navigation.name)
    }
}

/// Compiles for each dialect; when it compiles, compiles the two substitutes and compares.
func compile(_ label: String, _ entity: STAEntityType, _ build: (STASQLCompiler, Int?) throws -> STASQL) {
    for compiler in compilers {
        let sql: STASQL
        do {
            sql = try build(compiler, nil)
        } catch is STAQueryError {
            continue
        } catch {
            fail("\(label) on \(compiler.dialect) threw \(type(of: error)): \(error)")
        }
        let text = sql.text(for: compiler.dialect)
        for part in sql.parts {
            guard case .text(let piece) = part else { continue }
            require(piece.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F },
                    "\(label) on \(compiler.dialect): SQL text beyond printable ASCII: \(text.debugDescription)")
            require(!piece.contains("?") && (compiler.dialect == .sqlite || !piece.contains("$")),
                    "\(label) on \(compiler.dialect): a placeholder character in the SQL text: \(text.debugDescription)")
        }
        for substitute in 0..<2 {
            let other: STASQL
            do {
                other = try build(compiler, substitute)
            } catch {
                fail("\(label) on \(compiler.dialect) compiles, but not with other values (\(substitute)): \(error)")
            }
            require(other.text(for: compiler.dialect) == text && other.binds.count == sql.binds.count,
                    "\(label) on \(compiler.dialect): the SQL text depends on the values written: \(text.debugDescription) "
                        + "vs \(other.text(for: compiler.dialect).debugDescription)")
        }
    }
}

/// The expression with every literal and JSON member name replaced: substitute 0 or 1.
func perturbed(_ expression: STAExpression, _ v: Int) -> STAExpression {
    switch expression {
    case .literal(let literal):
        return .literal(perturbed(literal, v))
    case .property(let path):
        return .property(STAPropertyPath(navigations: path.navigations, property: path.property,
                                         members: path.members.map { String(repeating: v == 0 ? "a" : "b", count: $0.count) }))
    case .unary(let op, let operand):
        return .unary(op, perturbed(operand, v))
    case .binary(let op, let left, let right):
        return .binary(op, perturbed(left, v), perturbed(right, v))
    case .function(let function, let arguments):
        return .function(function, arguments.map { perturbed($0, v) })
    }
}

func perturbed(_ literal: STALiteral, _ v: Int) -> STALiteral {
    switch literal {
    case .null: .null
    case .bool: .bool(v == 0)
    case .int: .int(v == 0 ? 0 : 7)
    case .double: .double(v == 0 ? 0.5 : -2.25)
    // Same length in Characters, each a DE-9IM symbol: st_relate's pattern check sees the same shape.
    case .string(let text): .string(String(repeating: v == 0 ? "*" : "T", count: text.count))
    case .dateTime: .dateTime(Date(timeIntervalSince1970: v == 0 ? 0 : 1_000_000_000.5))
    case .date: v == 0 ? .date(year: 2000, month: 1, day: 1) : .date(year: 1999, month: 12, day: 31)
    case .timeOfDay: .timeOfDay(v == 0 ? "00:00:00" : "23:59:59.5")
    case .geometry(_, let geography): .geometry(wkt: v == 0 ? "POINT(0 0)" : "LINESTRING(1 1, 2 2)", geography: geography)
    }
}
