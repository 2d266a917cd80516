import Foundation
import KertaCore
import SQLKit

/// Answers SensorThings reads: a path resolved step by step to the rows it names, the query options
/// compiled to SQL (``STASQLCompiler``), and the rows written as the standard's JSON with their links.
struct STAReader: Sendable {
    let db: any SQLDatabase
    let dialect: STASQLDialect
    /// `https://kerta.example/sta/v1.1`: every link is absolute, as the standard's clients follow them.
    let base: String
    let now: Date
    /// Signed-out readers see public Things and what they observe; a sensor key or staff see all.
    let publicOnly: Bool

    private static let alias = "e"

    enum Answer: Sendable {
        case json(String)
        /// A property's `$value`: the bare text.
        case value(String)
    }

    func read(_ path: STAPath, items: [String: String]) async throws -> Answer {
        let options = try STAQueryOptions(parsing: items, entity: path.entity)
        var entity = path.segments[0].entity
        var condition: STASQL? = path.segments[0].id.map { STASQL("\(Self.alias).\"id\" = ") + .bind(.int($0)) }
        var trail = path.segments[0].name + (path.segments[0].id.map { "(\($0))" } ?? "")
        for segment in path.segments.dropFirst() {
            guard let row = try await one(entity, condition) else { throw STAError.notFound("no \(trail)") }
            guard let navigation = segment.navigation else { throw STAError.bad("path: '\(segment.name)' is not a navigation") }
            condition = try related(navigation, of: row)
            if let id = segment.id { condition = condition.map { $0 + STASQL(" AND \(Self.alias).\"id\" = ") + .bind(.int(id)) } }
            entity = segment.entity
            trail += "/" + segment.name + (segment.id.map { "(\($0))" } ?? "")
        }
        if !path.segments.last!.isCollection || path.property != nil {
            guard let row = try await one(entity, condition) else { throw STAError.notFound("no \(trail)") }
            if let property = path.property {
                let value = try STARow(entity: entity, row: row, base: base).value(of: property.name)
                if path.value {
                    switch value {
                    case .string(let text): return .value(text)
                    case .null: throw STAError.notFound("\(trail)/\(property.name) has no value")
                    default: return .value(value.text)
                    }
                }
                if value.isNull { throw STAError.notFound("\(trail)/\(property.name) has no value") }
                return .json(JSONValue.object([(property.name, value)]).text)
            }
            if path.ref { return .json(JSONValue.object([("@iot.selfLink", .string(STARow.selfLink(entity, try STARow.id(row), base: base)))]).text) }
            return .json(try await object(entity, row: row, options: options).text)
        }
        let page = try await collection(entity, condition, options: options)
        var members: [(String, JSONValue)] = []
        if let count = page.count { members.append(("@iot.count", .int(Int64(count)))) }
        if page.hasMore { members.append(("@iot.nextLink", .string(nextLink(trail + (path.ref ? "/$ref" : ""), items: items, options: options)))) }
        if path.ref {
            members.append(("value", .array(try page.rows.map { .object([("@iot.selfLink", .string(STARow.selfLink(entity, try STARow.id($0), base: base)))]) })))
        } else if options.resultFormat == .dataArray {
            guard entity == .observation else { throw STAError.bad("$resultFormat: dataArray is for Observations") }
            members.append(("value", try dataArray(page.rows, options: options)))
        } else {
            var values: [JSONValue] = []
            values.reserveCapacity(page.rows.count)
            for row in page.rows { values.append(try await object(entity, row: row, options: options)) }
            members.append(("value", .array(values)))
        }
        return .json(JSONValue.object(members).text)
    }

    // MARK: Rows

    struct Page: Sendable {
        let rows: [any SQLRow]
        let count: Int?
        let hasMore: Bool
    }

    /// A page of `entity`'s rows within `condition`, filtered, ordered (with the id as the last key, in the
    /// direction of the one before it, so an index on time and id serves "newest first" whole), skipped and cut.
    func collection(_ entity: STAEntityType, _ condition: STASQL?, options: STAQueryOptions) async throws -> Page {
        let compiler = STASQLCompiler(dialect: dialect, now: now)
        var conditions: [STASQL] = [condition, visibility(entity)].compactMap { $0 }
        if let filter = options.filter { conditions.append(try compiler.condition(filter, entity: entity, alias: Self.alias)) }
        let whereClause = conditions.isEmpty ? STASQL() : STASQL(" WHERE ") + STASQL.joined(conditions.map { STASQL("(") + $0 + STASQL(")") }, separator: " AND ")
        let from = STASQL("FROM \"\(entity.table)\" \(Self.alias)")
        var count: Int?
        if options.count {
            let row = try await run(STASQL("SELECT COUNT(*) AS \"n\" ") + from + whereClause).first
            count = try row?.decode(column: "n", as: Int.self)
        }
        // `$top=0` asks for the count alone: there is no next page to follow.
        guard options.top > 0 else { return Page(rows: [], count: count, hasMore: false) }
        var order = STASQL()
        if !options.orderBy.isEmpty { order = try compiler.orderBy(options.orderBy, entity: entity, alias: Self.alias) + STASQL(", ") }
        let tie = options.orderBy.last?.descending == true ? "DESC" : "ASC"
        order += STASQL("\(Self.alias).\"id\" \(tie)")
        let query = STASQL("SELECT \(Self.columns(entity, options)) ") + from + whereClause + STASQL(" ORDER BY ") + order
            + STASQL(" LIMIT \(options.top + 1) OFFSET \(options.skip)")
        var rows = try await run(query)
        let hasMore = rows.count > options.top
        if hasMore { rows.removeLast() }
        return Page(rows: rows, count: count, hasMore: hasMore)
    }

    /// Observations asked for a few properties read only their columns: with the covering index on a
    /// Datastream's time, a chart's window is read from the index alone, however the rows lie in the table.
    static func columns(_ entity: STAEntityType, _ options: STAQueryOptions) -> String {
        guard entity == .observation, !options.select.isEmpty, options.expand.isEmpty else { return "\(alias).*" }
        var names = ["id", "datastream_id"]
        for item in options.select {
            guard case .property(let property) = item, property.name != STAProperty.idName else { continue }
            guard let field = STAStorage.observation.field(property.name) else { return "\(alias).*" }
            names.append(field.column)
            switch field.kind {
            case .interval(let end): names.append(end)
            case .result: names.append("result_number")
            default: break
            }
        }
        return Array(Set(names)).sorted().map { "\(alias).\"\($0)\"" }.joined(separator: ", ")
    }

    func one(_ entity: STAEntityType, _ condition: STASQL?) async throws -> (any SQLRow)? {
        let conditions = [condition, visibility(entity)].compactMap { $0 }
        var query = STASQL("SELECT \(Self.alias).* FROM \"\(entity.table)\" \(Self.alias)")
        if !conditions.isEmpty { query += STASQL(" WHERE ") + STASQL.joined(conditions.map { STASQL("(") + $0 + STASQL(")") }, separator: " AND ") }
        return try await run(query + STASQL(" LIMIT 1")).first
    }

    /// The rows a navigation leads to from one row.
    func related(_ navigation: STANavigation, of row: any SQLRow) throws -> STASQL {
        let id = try STARow.id(row)
        switch navigation.join {
        case .sourceColumn(let column):
            guard let target = try row.decodeNil(column: column) ? nil : row.decode(column: column, as: Int64.self) else { return STASQL("1 = 0") }
            return STASQL("\(Self.alias).\"id\" = ") + .bind(.int(target))
        case .targetColumn(let column):
            return STASQL("\(Self.alias).\"\(column)\" = ") + .bind(.int(id))
        case .linkTable(let table, let source, let target):
            return STASQL("\(Self.alias).\"id\" IN (SELECT \"\(target)\" FROM \"\(table)\" WHERE \"\(source)\" = ") + .bind(.int(id)) + STASQL(")")
        }
    }

    /// Non-public Things, and what belongs to them, are hidden from signed-out readers.
    private func visibility(_ entity: STAEntityType) -> STASQL? {
        guard publicOnly else { return nil }
        switch entity {
        case .thing: return STASQL("\(Self.alias).\"public\" = ") + .bind(.bool(true))
        case .datastream:
            return STASQL("\(Self.alias).\"thing_id\" IN (SELECT \"id\" FROM \"sta_things\" WHERE \"public\" = ") + .bind(.bool(true)) + STASQL(")")
        case .observation:
            return STASQL("\(Self.alias).\"datastream_id\" IN (SELECT d.\"id\" FROM \"sta_datastreams\" d JOIN \"sta_things\" t ON t.\"id\" = d.\"thing_id\" WHERE t.\"public\" = ")
                + .bind(.bool(true)) + STASQL(")")
        // Where a private Thing stands, and where it stood, are its own.
        case .location:
            return STASQL("NOT EXISTS (SELECT 1 FROM \"sta_thing_locations\" tl JOIN \"sta_things\" t ON t.\"id\" = tl.\"thing_id\" WHERE tl.\"location_id\" = \(Self.alias).\"id\" AND t.\"public\" = ")
                + .bind(.bool(false)) + STASQL(")")
        case .historicalLocation:
            return STASQL("\(Self.alias).\"thing_id\" IN (SELECT \"id\" FROM \"sta_things\" WHERE \"public\" = ") + .bind(.bool(true)) + STASQL(")")
        case .featureOfInterest:
            // A feature made from a private Thing's Location (the writer marks it) is that Location.
            return STASQL("NOT EXISTS (SELECT 1 FROM \"sta_thing_locations\" tl JOIN \"sta_things\" t ON t.\"id\" = tl.\"thing_id\" WHERE t.\"public\" = ")
                + .bind(.bool(false)) + STASQL(" AND \(Self.alias).\"properties\" = '{\"kerta:fromLocation\":' || CAST(tl.\"location_id\" AS TEXT) || '}')")
        case .sensor, .observedProperty:
            return nil
        }
    }

    private func run(_ query: STASQL) async throws -> [any SQLRow] {
        try await db.raw(Self.sql(query)).all()
    }

    static func sql(_ fragment: STASQL) -> SQLQueryString {
        var query = SQLQueryString("")
        for part in fragment.parts {
            switch part {
            case .text(let text): query.appendLiteral(text)
            case .bind(let value):
                switch value {
                case .null: query.appendInterpolation(bind: String?.none)
                case .bool(let flag): query.appendInterpolation(bind: flag)
                case .int(let number): query.appendInterpolation(bind: number)
                case .double(let number): query.appendInterpolation(bind: number)
                case .string(let text): query.appendInterpolation(bind: text)
                case .date(let date): query.appendInterpolation(bind: date)
                }
            }
        }
        return query
    }

    // MARK: JSON

    /// One entity as the standard writes it, with `$select` applied and `$expand`ed relations inside.
    func object(_ entity: STAEntityType, row: any SQLRow, options: STAQueryOptions) async throws -> JSONValue {
        let writer = STARow(entity: entity, row: row, base: base)
        var members = try writer.members(select: options.select)
        for item in options.expand {
            let navigation = item.navigation
            let condition = try related(navigation, of: row)
            if navigation.toMany {
                let page = try await collection(navigation.target, condition, options: item.options)
                if let count = page.count { members.append(("\(navigation.name)@iot.count", .int(Int64(count)))) }
                var values: [JSONValue] = []
                for child in page.rows { values.append(try await object(navigation.target, row: child, options: item.options)) }
                members.append((navigation.name, .array(values)))
                // The next page of an expansion is linked only when its options are its page alone: a link must
                // ask what was asked, and the nested filter, order and selection are not kept as text.
                if page.hasMore, item.options.filter == nil, item.options.orderBy.isEmpty, item.options.select.isEmpty, item.options.expand.isEmpty {
                    let id = try STARow.id(row)
                    let skip = item.options.skip + item.options.top
                    members.append(("\(navigation.name)@iot.nextLink", .string("\(STARow.selfLink(entity, id, base: base))/\(navigation.name)?$top=\(item.options.top)&$skip=\(skip)")))
                }
            } else if let child = try await one(navigation.target, condition) {
                members.append((navigation.name, try await object(navigation.target, row: child, options: item.options)))
            }
        }
        return .object(members)
    }

    /// The Data Array extension: observations grouped by their Datastream, each a row of components.
    private func dataArray(_ rows: [any SQLRow], options: STAQueryOptions) throws -> JSONValue {
        var components = options.select.compactMap { item -> String? in
            if case .property(let property) = item { return property.name == STAProperty.idName ? "id" : property.name }
            return nil
        }
        if components.isEmpty { components = ["id", "phenomenonTime", "resultTime", "result"] }
        var groups: [(Int64, [JSONValue])] = []
        var index: [Int64: Int] = [:]
        for row in rows {
            let stream = try row.decode(column: "datastream_id", as: Int64.self)
            let writer = STARow(entity: .observation, row: row, base: base)
            let values = try components.map { try writer.value(of: $0 == "id" ? STAProperty.idName : $0) }
            if let at = index[stream] {
                groups[at].1.append(.array(values))
            } else {
                index[stream] = groups.count
                groups.append((stream, [.array(values)]))
            }
        }
        return .array(groups.map { stream, values in
            .object([("Datastream@iot.navigationLink", .string(STARow.selfLink(.datastream, stream, base: base))),
                     ("components", .array(components.map { .string($0) })),
                     ("dataArray@iot.count", .int(Int64(values.count))),
                     ("dataArray", .array(values))])
        })
    }

    /// The same request, one page on.
    private func nextLink(_ trail: String, items: [String: String], options: STAQueryOptions) -> String {
        var query = items.filter { $0.key.lowercased() != "$skip" && $0.key.lowercased() != "$top" }
        query["$top"] = String(options.top)
        query["$skip"] = String(options.skip + options.top)
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        let encoded = query.sorted { $0.key < $1.key }.map { key, value in
            (key.addingPercentEncoding(withAllowedCharacters: allowed) ?? key) + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
        }
        return base + "/" + trail + "?" + encoded.joined(separator: "&")
    }
}
