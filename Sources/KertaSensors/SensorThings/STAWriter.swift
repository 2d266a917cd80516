import Foundation
import KertaCore
import SQLKit

/// Creates, changes and deletes SensorThings entities inside one transaction: a deep insert stands or
/// falls whole. It remembers the observations it made, so the flood rules judge each of them in the same
/// transaction.
final class STAWriter: @unchecked Sendable {
    struct CreatedObservation: Sendable {
        let id: Int64
        let datastreamID: Int64
        let time: Date
        let number: Double?
    }

    let db: any SQLDatabase
    let now: Date
    private(set) var observations: [CreatedObservation] = []
    /// A Thing's Location's feature, made once per Location and reused by every later observation.
    private var featureOfLocation: [Int64: Int64] = [:]
    private var featureOfStream: [Int64: Int64] = [:]

    init(db: any SQLDatabase, now: Date) {
        self.db = db
        self.now = now
    }

    // MARK: Create

    /// The new (or linked) entity's id. `parent` is the entity it is created under, by a navigation path or
    /// a deep insert, which fills the link back to it.
    @discardableResult
    func create(_ entity: STAEntityType, _ body: JSONValue, under parent: (link: STAStorage.Link, id: Int64)? = nil, at path: String = "",
                recordsMove: Bool = true) async throws -> Int64 {
        let storage = STAStorage.of(entity)
        let place = path.isEmpty ? entity.singularName : path
        guard let members = body.members else { throw STAError.bad("\(place) must be a JSON object") }
        if let linked = members.first(where: { $0.0 == "@iot.id" })?.1 {
            guard let id = linked.int else { throw STAError.bad("\(place): @iot.id must be an integer") }
            guard try await exists(entity, id) else { throw STAError.bad("\(place): no \(entity.singularName) with @iot.id \(id) to link") }
            if let parent { try await attach(entity, id, to: parent, recordsMove: recordsMove) }
            return id
        }
        try check(members, of: storage, at: place)
        var (columns, values) = try fieldColumns(entity, members, at: place)
        if entity == .thing {
            columns.append("public")
            values.append(Self.isPublic(members.first { $0.0 == "properties" }?.1))
        }
        // To-one links first: their keys are this row's columns.
        for link in storage.links {
            guard case .toOne(let column) = link.shape else { continue }
            var id: Int64?
            if let parent, parent.link.target == entity, let back = Self.inverse(of: parent.link), back.name == link.name {
                id = parent.id
            }
            if let nested = members.first(where: { $0.0 == link.name })?.1, !nested.isNull {
                if id != nil { throw STAError.bad("\(place).\(link.name) is given twice (by the path and in the body)") }
                id = try await create(link.target, nested, at: place + "." + link.name)
            }
            guard let id else {
                if link.required { throw STAError.bad("\(place): the link '\(link.name)' is required") }
                continue
            }
            columns.append(column)
            values.append(id)
        }
        if entity == .observation, !columns.contains("feature_id"), let index = columns.firstIndex(of: "datastream_id"), let stream = values[index] as? Int64 {
            columns.append("feature_id")
            values.append(try await feature(forStream: stream, at: place))
        }
        let id = try await insert(storage.table, columns: columns, values: values)
        if entity == .observation { try await noteObservation(id: id, columns: columns, values: values) }
        // Then the links that point here, and the link tables.
        for link in storage.links where link.isToMany {
            if let parent, Self.inverse(of: parent.link)?.name == link.name, case .manyToMany = link.shape {
                try await join(entity, id, link, parent.id)
            }
            guard let nested = members.first(where: { $0.0 == link.name })?.1, !nested.isNull else { continue }
            guard case .array(let items) = nested else { throw STAError.bad("\(place).\(link.name) must be an array") }
            var linked: [Int64] = []
            for (index, item) in items.enumerated() {
                linked.append(try await create(link.target, item, under: (link, id), at: "\(place).\(link.name)[\(index)]", recordsMove: false))
            }
            if entity == .thing, link.name == "Locations", !linked.isEmpty { try await historicalLocation(thing: id, locations: linked) }
            if entity == .location, link.name == "Things" {
                for thing in linked { try await historicalLocation(thing: thing, locations: [id]) }
            }
        }
        if let parent, recordsMove { try await recordMove(entity, id, under: parent) }
        return id
    }

    /// The columns of an entity's own fields, each value checked; the same columns in the same order for every
    /// entity of a kind, so rows of one kind insert together.
    private func fieldColumns(_ entity: STAEntityType, _ members: [(String, JSONValue)], at place: String) throws -> ([String], [any Encodable & Sendable]) {
        var columns: [String] = []
        var values: [any Encodable & Sendable] = []
        for field in STAStorage.of(entity).fields where !field.serverKept {
            let value = members.first { $0.0 == field.name }?.1
            if value == nil || value?.isNull == true {
                if field.required, !(entity == .observation && field.name == "phenomenonTime") {
                    throw STAError.bad("\(place): the property '\(field.name)' is required")
                }
            }
            try append(field, value, of: entity, at: place, columns: &columns, values: &values)
        }
        return (columns, values)
    }

    /// Observations of one Datastream in bulk (the Data Array extension): every row checked as ``create(_:_:under:at:recordsMove:)``
    /// checks one, then one INSERT for many rows, as a gauge network's batches need.
    func createObservations(_ rows: [(body: JSONValue, place: String)], stream: Int64) async throws -> [Int64] {
        var columns: [String] = []
        var table: [[any Encodable & Sendable]] = []
        var knownFeatures: Set<Int64> = []
        for (body, place) in rows {
            guard let members = body.members else { throw STAError.bad("\(place) must be a JSON object") }
            try check(members, of: STAStorage.observation, at: place)
            var (names, values) = try fieldColumns(.observation, members, at: place)
            var feature: Int64
            if let given = members.first(where: { $0.0 == "FeatureOfInterest" })?.1 {
                guard let id = given["@iot.id"]?.int else { throw STAError.bad("\(place).FeatureOfInterest must name a feature by @iot.id") }
                if !knownFeatures.contains(id) {
                    guard try await exists(.featureOfInterest, id) else { throw STAError.bad("\(place): no FeatureOfInterest with @iot.id \(id) to link") }
                    knownFeatures.insert(id)
                }
                feature = id
            } else {
                feature = try await self.feature(forStream: stream, at: place)
            }
            names += ["datastream_id", "feature_id"]
            values += [stream, feature]
            columns = names
            table.append(values)
        }
        var ids: [Int64] = []
        for start in stride(from: 0, to: table.count, by: 500) {
            let chunk = table[start..<min(start + 500, table.count)]
            var query = SQLQueryString("INSERT INTO \"sta_observations\" (")
            query.appendInterpolation(idents: columns, joinedBy: ", ")
            query.appendLiteral(") VALUES ")
            for (index, row) in chunk.enumerated() {
                query.appendLiteral(index == 0 ? "(" : ", (")
                for (column, value) in row.enumerated() {
                    if column > 0 { query.appendLiteral(", ") }
                    query.appendInterpolation(bind: value)
                }
                query.appendLiteral(")")
            }
            query.appendLiteral(" RETURNING \"id\"")
            let made = try await db.raw(query).all().map { try $0.decode(column: "id", as: Int64.self) }
            guard made.count == chunk.count else { throw STAError.bad("the observations were not all written") }
            // Both engines return a multi-row VALUES insert's ids in the order of its rows.
            for (id, row) in zip(made, chunk) { try await noteObservation(id: id, columns: columns, values: row) }
            ids += made
        }
        return ids
    }

    static let largestResult = 2000

    /// A Thing is public unless its properties say `"kerta:private": true` (a gauge under test, a private
    /// network's station): signed-out readers then do not see it or what it observes.
    static func isPublic(_ properties: JSONValue?) -> Bool {
        if case .bool(true)? = properties?["kerta:private"] { return false }
        return true
    }

    /// The relation seen from the other side (Thing.Datastreams ↔ Datastream.Thing).
    static func inverse(of link: STAStorage.Link) -> STAStorage.Link? {
        let target = STAStorage.of(link.target)
        return target.links.first { candidate in
            guard candidate.target == link.owner else { return false }
            switch (link.shape, candidate.shape) {
            case (.toMany(let column), .toOne(let other)), (.toOne(let column), .toMany(let other)): return column == other
            case (.manyToMany(let table, let a, let b), .manyToMany(let otherTable, let c, let d)): return table == otherTable && a == d && b == c
            default: return false
            }
        }
    }

    /// A Thing and a Location newly joined: the Thing has moved (or was placed), which the standard records
    /// with every Location the Thing now has.
    private func recordMove(_ entity: STAEntityType, _ id: Int64, under parent: (link: STAStorage.Link, id: Int64)) async throws {
        if entity == .location, parent.link.name == "Locations", STAWriter.inverse(of: parent.link)?.name == "Things" {
            try await historicalLocation(thing: parent.id, locations: try await locations(of: parent.id))
        } else if entity == .thing, parent.link.name == "Things" {
            try await historicalLocation(thing: id, locations: try await locations(of: id))
        }
    }

    private func locations(of thing: Int64) async throws -> [Int64] {
        try await db.raw("SELECT \"location_id\" FROM \"sta_thing_locations\" WHERE \"thing_id\" = \(bind: thing)").all()
            .map { try $0.decode(column: "location_id", as: Int64.self) }
    }

    private func check(_ members: [(String, JSONValue)], of storage: STAStorage, at place: String) throws {
        for (key, _) in members {
            if key.hasSuffix("@iot.navigationLink") || key == "@iot.selfLink" { continue }
            if storage.field(key) != nil || storage.link(key) != nil { continue }
            throw STAError.bad("\(place): unknown property '\(key)' of \(storage.entity.singularName)")
        }
    }

    private func append(_ field: STAStorage.Field, _ value: JSONValue?, of entity: STAEntityType, at place: String,
                        columns: inout [String], values: inout [any Encodable & Sendable]) throws {
        let name = "\(place).\(field.name)"
        let value = value?.isNull == true ? nil : value
        switch field.kind {
        case .text:
            if let value, value.string == nil { throw STAError.bad("\(name) must be a string") }
            columns.append(field.column)
            values.append(value?.string)
        case .json:
            if field.name == "unitOfMeasurement", let value, value.members == nil { throw STAError.bad("\(name) must be an object (name, symbol, definition)") }
            columns.append(field.column)
            values.append(value?.text)
        case .geometry:
            var geometryText: String?
            if let value {
                guard value.members != nil else { throw STAError.bad("\(name) must be a GeoJSON object") }
                let bare = value["type"]?.string == "Feature" ? value["geometry"] : value
                guard let bare, (try? STAGeometry(geoJSON: bare.text)) != nil else { throw STAError.bad("\(name) is not a GeoJSON geometry") }
                geometryText = bare.text
            }
            columns += [field.column, "geom"]
            values += [value?.text, geometryText]
        case .time:
            var date: Date?
            if let value {
                guard let text = value.string, let parsed = STATime.instant(text) else { throw STAError.bad("\(name) must be an ISO 8601 time with a zone") }
                date = parsed
            }
            columns.append(field.column)
            values.append(date)
        case .interval(let end):
            var start: Date?
            var finish: Date?
            if let value {
                guard let text = value.string, let parsed = STATime.interval(text) else {
                    throw STAError.bad("\(name) must be an ISO 8601 time or interval (start/end)")
                }
                (start, finish) = parsed
            } else if entity == .observation, field.name == "phenomenonTime" {
                start = now
            }
            columns += [field.column, end]
            values += [start, finish]
        case .result:
            // The result rides in the observations' index (a chart reads it from there); an index entry has a
            // size limit, so a result is at most 2,000 bytes of JSON — a gauge's number is a few.
            if let value, value.text.utf8.count > Self.largestResult {
                throw STAError.bad("\(name) is larger than \(Self.largestResult) bytes of JSON")
            }
            columns += ["result", "result_number"]
            values += [value?.text ?? "null", value?.number]
        }
    }

    private func insert(_ table: String, columns: [String], values: [any Encodable & Sendable]) async throws -> Int64 {
        var query = SQLQueryString("INSERT INTO ")
        query.appendInterpolation(ident: table)
        query.appendLiteral(" (")
        query.appendInterpolation(idents: columns, joinedBy: ", ")
        query.appendLiteral(") VALUES (")
        for index in values.indices {
            if index > 0 { query.appendLiteral(", ") }
            query.appendInterpolation(bind: values[index])
        }
        query.appendLiteral(") RETURNING \"id\"")
        guard let row = try await db.raw(query).first() else { throw STAError.bad("the row was not written") }
        return try row.decode(column: "id", as: Int64.self)
    }

    func exists(_ entity: STAEntityType, _ id: Int64) async throws -> Bool {
        let table = STAStorage.of(entity).table
        return try await db.raw("SELECT 1 AS \"found\" FROM \(ident: table) WHERE \"id\" = \(bind: id)").first() != nil
    }

    /// Links an existing entity to the one it is named under (a Location linked to a Thing, a Datastream
    /// moved to a Thing).
    private func attach(_ entity: STAEntityType, _ id: Int64, to parent: (link: STAStorage.Link, id: Int64), recordsMove: Bool) async throws {
        switch parent.link.shape {
        case .manyToMany:
            guard let inverse = Self.inverse(of: parent.link) else { return }
            try await join(entity, id, inverse, parent.id)
            if recordsMove { try await recordMove(entity, id, under: parent) }
        case .toMany(let column):
            try await db.raw("UPDATE \(ident: STAStorage.of(entity).table) SET \(ident: column) = \(bind: parent.id) WHERE \"id\" = \(bind: id)").run()
        case .toOne:
            break
        }
    }

    private func join(_ entity: STAEntityType, _ id: Int64, _ link: STAStorage.Link, _ other: Int64) async throws {
        guard case .manyToMany(let table, let selfColumn, let otherColumn) = link.shape else { return }
        let existing = try await db.raw("SELECT 1 AS \"found\" FROM \(ident: table) WHERE \(ident: selfColumn) = \(bind: id) AND \(ident: otherColumn) = \(bind: other)").first()
        guard existing == nil else { return }
        try await db.raw("INSERT INTO \(ident: table) (\(ident: selfColumn), \(ident: otherColumn)) VALUES (\(bind: id), \(bind: other))").run()
    }

    /// The standard's record of a move: the Thing's Locations from now on.
    private func historicalLocation(thing: Int64, locations: [Int64]) async throws {
        let id = try await insert("sta_historical_locations", columns: ["thing_id", "time"], values: [thing, now])
        for location in Set(locations) {
            try await db.raw("INSERT INTO \"sta_historical_location_locations\" (\"historical_location_id\", \"location_id\") VALUES (\(bind: id), \(bind: location))").run()
        }
    }

    /// An observation posted without its feature observes where its Thing stands (the standard's rule):
    /// one feature per Location, made the first time and reused.
    private func feature(forStream stream: Int64, at place: String) async throws -> Int64 {
        if let known = featureOfStream[stream] { return known }
        guard let row = try await db.raw("""
            SELECT l."id", l."name", l."description", l."encoding_type", l."location", l."geom" FROM "sta_datastreams" d
            JOIN "sta_thing_locations" tl ON tl."thing_id" = d."thing_id" JOIN "sta_locations" l ON l."id" = tl."location_id"
            WHERE d."id" = \(bind: stream) ORDER BY l."id" DESC LIMIT 1
            """).first() else {
            throw STAError.bad("\(place): the link 'FeatureOfInterest' is required (the Datastream's Thing has no Location to take it from)")
        }
        let location = try row.decode(column: "id", as: Int64.self)
        if let known = featureOfLocation[location] {
            featureOfStream[stream] = known
            return known
        }
        let marker = "{\"kerta:fromLocation\":\(location)}"
        let id: Int64
        if let existing = try await db.raw("SELECT \"id\" FROM \"sta_features\" WHERE \"properties\" = \(bind: marker) ORDER BY \"id\" LIMIT 1").first() {
            id = try existing.decode(column: "id", as: Int64.self)
        } else {
            id = try await insert("sta_features", columns: ["name", "description", "encoding_type", "feature", "geom", "properties"], values: [
                try row.decode(column: "name", as: String.self), try row.decode(column: "description", as: String.self),
                try row.decode(column: "encoding_type", as: String.self), try row.decode(column: "location", as: String.self),
                try row.decode(column: "geom", as: String?.self), marker,
            ])
        }
        featureOfLocation[location] = id
        featureOfStream[stream] = id
        return id
    }

    private func noteObservation(id: Int64, columns: [String], values: [any Encodable & Sendable]) async throws {
        func value(_ column: String) -> (any Encodable & Sendable)? { columns.firstIndex(of: column).map { values[$0] } }
        guard let stream = value("datastream_id") as? Int64, let time = value("phenomenon_time_start") as? Date else { return }
        observations.append(CreatedObservation(id: id, datastreamID: stream, time: time, number: value("result_number") as? Double))
    }

    /// A Datastream's phenomenonTime spans its observations: kept once per request, not per observation.
    func widenStreams() async throws {
        var spans: [Int64: (Date, Date)] = [:]
        for observation in observations {
            let span = spans[observation.datastreamID] ?? (observation.time, observation.time)
            spans[observation.datastreamID] = (min(span.0, observation.time), max(span.1, observation.time))
        }
        for (stream, span) in spans {
            try await db.raw("""
                UPDATE "sta_datastreams" SET
                  "phenomenon_time_start" = CASE WHEN "phenomenon_time_start" IS NULL OR "phenomenon_time_start" > \(bind: span.0) THEN \(bind: span.0) ELSE "phenomenon_time_start" END,
                  "phenomenon_time_end" = CASE WHEN "phenomenon_time_end" IS NULL OR "phenomenon_time_end" < \(bind: span.1) THEN \(bind: span.1) ELSE "phenomenon_time_end" END
                WHERE "id" = \(bind: stream)
                """).run()
        }
    }

    // MARK: Update

    /// PATCH changes the fields given; PUT replaces the entity's fields (those left out are cleared, and a
    /// required one left out is refused).
    func update(_ entity: STAEntityType, id: Int64, _ body: JSONValue, replace: Bool) async throws {
        let storage = STAStorage.of(entity)
        let place = "\(entity.singularName)(\(id))"
        guard let members = body.members else { throw STAError.bad("the body must be a JSON object") }
        guard try await exists(entity, id) else { throw STAError.notFound("no \(place)") }
        try check(members.filter { $0.0 != "@iot.id" }, of: storage, at: place)
        if let given = members.first(where: { $0.0 == "@iot.id" })?.1, given.int != id { throw STAError.bad("\(place): @iot.id cannot be changed") }
        var columns: [String] = []
        var values: [any Encodable & Sendable] = []
        for field in storage.fields where !field.serverKept {
            let value = members.first { $0.0 == field.name }?.1
            if value == nil && !replace { continue }
            if field.required, value == nil || value?.isNull == true, !(entity == .observation && field.name == "phenomenonTime") {
                throw STAError.bad("\(place): the property '\(field.name)' is required")
            }
            try append(field, value, of: entity, at: place, columns: &columns, values: &values)
            if entity == .thing, field.name == "properties" {
                columns.append("public")
                values.append(Self.isPublic(value))
            }
        }
        for link in storage.links {
            guard let nested = members.first(where: { $0.0 == link.name })?.1 else { continue }
            switch link.shape {
            case .toOne(let column):
                guard let target = nested["@iot.id"]?.int else { throw STAError.bad("\(place).\(link.name) must name an entity by @iot.id") }
                guard try await exists(link.target, target) else { throw STAError.bad("\(place).\(link.name): no \(link.target.singularName) with @iot.id \(target)") }
                columns.append(column)
                values.append(target)
            case .manyToMany(let table, let selfColumn, _):
                guard case .array(let items) = nested else { throw STAError.bad("\(place).\(link.name) must be an array") }
                try await db.raw("DELETE FROM \(ident: table) WHERE \(ident: selfColumn) = \(bind: id)").run()
                var linked: [Int64] = []
                for (index, item) in items.enumerated() {
                    linked.append(try await create(link.target, item, under: (link, id), at: "\(place).\(link.name)[\(index)]", recordsMove: false))
                }
                if entity == .thing, link.name == "Locations", !linked.isEmpty { try await historicalLocation(thing: id, locations: linked) }
            case .toMany:
                guard case .array(let items) = nested else { throw STAError.bad("\(place).\(link.name) must be an array") }
                for (index, item) in items.enumerated() {
                    try await create(link.target, item, under: (link, id), at: "\(place).\(link.name)[\(index)]")
                }
            }
        }
        guard !columns.isEmpty else { return }
        var query = SQLQueryString("UPDATE ")
        query.appendInterpolation(ident: storage.table)
        query.appendLiteral(" SET ")
        for index in columns.indices {
            if index > 0 { query.appendLiteral(", ") }
            query.appendInterpolation(ident: columns[index])
            query.appendLiteral(" = ")
            query.appendInterpolation(bind: values[index])
        }
        query.appendLiteral(" WHERE \"id\" = ")
        query.appendInterpolation(bind: id)
        try await db.raw(query).run()
    }

    // MARK: Delete

    /// Deletes an entity and what cannot stand without it (the standard's cascade): a Thing its Datastreams
    /// and HistoricalLocations; a Datastream, a FeatureOfInterest, a Sensor or an ObservedProperty what
    /// observes through it.
    func delete(_ entity: STAEntityType, id: Int64) async throws {
        guard try await exists(entity, id) else { throw STAError.notFound("no \(entity.singularName)(\(id))") }
        try await cascade(entity, ids: "= \(id)")
    }

    /// `match` is a condition on the rows' id: `= 5` or `IN (SELECT …)`, built only from ids and names.
    private func cascade(_ entity: STAEntityType, ids match: String) async throws {
        func run(_ text: String) async throws { try await db.raw(SQLQueryString(text)).run() }
        switch entity {
        case .thing:
            try await cascade(.datastream, ids: "IN (SELECT \"id\" FROM \"sta_datastreams\" WHERE \"thing_id\" \(match))")
            try await cascade(.historicalLocation, ids: "IN (SELECT \"id\" FROM \"sta_historical_locations\" WHERE \"thing_id\" \(match))")
            try await run("DELETE FROM \"sta_thing_locations\" WHERE \"thing_id\" \(match)")
            try await run("DELETE FROM \"sta_things\" WHERE \"id\" \(match)")
        case .location:
            // The HistoricalLocations to go are read first: deleting their links empties the subquery.
            let historical = try await db.raw(SQLQueryString("SELECT \"historical_location_id\" AS \"id\" FROM \"sta_historical_location_locations\" WHERE \"location_id\" \(match)"))
                .all().map { try $0.decode(column: "id", as: Int64.self) }
            if !historical.isEmpty { try await cascade(.historicalLocation, ids: "IN (" + historical.map(String.init).joined(separator: ", ") + ")") }
            try await run("DELETE FROM \"sta_thing_locations\" WHERE \"location_id\" \(match)")
            try await run("DELETE FROM \"sta_locations\" WHERE \"id\" \(match)")
        case .historicalLocation:
            try await run("DELETE FROM \"sta_historical_location_locations\" WHERE \"historical_location_id\" \(match)")
            try await run("DELETE FROM \"sta_historical_locations\" WHERE \"id\" \(match)")
        case .datastream:
            try await run("DELETE FROM \"sta_observations\" WHERE \"datastream_id\" \(match)")
            try await run("DELETE FROM \"sta_datastreams\" WHERE \"id\" \(match)")
        case .sensor:
            try await cascade(.datastream, ids: "IN (SELECT \"id\" FROM \"sta_datastreams\" WHERE \"sensor_id\" \(match))")
            try await run("DELETE FROM \"sta_sensors\" WHERE \"id\" \(match)")
        case .observedProperty:
            try await cascade(.datastream, ids: "IN (SELECT \"id\" FROM \"sta_datastreams\" WHERE \"observed_property_id\" \(match))")
            try await run("DELETE FROM \"sta_observed_properties\" WHERE \"id\" \(match)")
        case .observation:
            try await run("DELETE FROM \"sta_observations\" WHERE \"id\" \(match)")
        case .featureOfInterest:
            try await run("DELETE FROM \"sta_observations\" WHERE \"feature_id\" \(match)")
            try await run("DELETE FROM \"sta_features\" WHERE \"id\" \(match)")
        }
    }
}
