import Fluent
import Foundation
import KertaCore
import KertaPlatform
import PostgresNIO
import SQLKit
import Vapor

/// OGC SensorThings API 1.1 at `/sta/v1.1`: the service root, every entity path for reading, and writing
/// with a sensor key (`kerta apikeys create --scope sensors`, sent as a bearer token or as HTTP Basic's
/// password). Each write is one transaction, and the flood rules see its observations inside it.
package struct STAController: RouteCollection {
    package static let version = "v1.1"
    /// Where the service root is on this server.
    package static let path = "/sta/v1.1"
    /// Deep inserts and data arrays are larger than a form; a gauge network's batch is well under this.
    static let maximumBody: ByteCount = "8mb"

    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let sta = routes.grouped("sta", "v1.1")
        sta.get(use: root)
        sta.on(.POST, "CreateObservations", body: .collect(maxSize: Self.maximumBody), use: createObservations)
        sta.get("**", use: get)
        sta.on(.POST, "**", body: .collect(maxSize: Self.maximumBody), use: post)
        sta.on(.PATCH, "**", body: .collect(maxSize: Self.maximumBody), use: patch)
        sta.on(.PUT, "**", body: .collect(maxSize: Self.maximumBody), use: put)
        sta.delete("**", use: delete)
    }

    static func base(_ req: Request) -> String {
        req.application.kertaConfiguration.publicURL + "/sta/" + version
    }

    static func dialect(_ req: Request) async throws -> STASQLDialect {
        guard req.db.isPostgres else { return .sqlite }
        return .postgres(postgis: try await req.application.areaDirectory.spatialSupport(on: req.db) == .postgis)
    }

    // MARK: Read

    @Sendable func root(req: Request) async throws -> Response {
        let base = Self.base(req)
        var classes = [
            "http://www.opengis.net/spec/iot_sensing/1.1/req/datamodel",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/resource-path/resource-path-to-entities",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/create-update-delete",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/data-array/data-array",
        ]
        // The query language's geo functions need PostGIS on PostgreSQL; without it that class does not pass.
        if case .postgres(postgis: false) = try await Self.dialect(req) {} else {
            classes.insert("http://www.opengis.net/spec/iot_sensing/1.1/req/request-data", at: 2)
        }
        let sets: [JSONValue] = STAEntityType.allCases.map { .object([("name", .string($0.setName)), ("url", .string(base + "/" + $0.setName))]) }
        let body = JSONValue.object([
            ("value", .array(sets)),
            ("serverSettings", .object([("conformance", .array(classes.map { .string($0) }))])),
        ])
        return Self.json(body.text)
    }

    @Sendable func get(req: Request) async throws -> Response {
        try await Self.answer {
            let path = try STAPath(parsing: Self.resourcePath(req))
            // A sensor key reads everything; signed out, public Things only (the API takes no session).
            let readerSeesAll = try await Self.credential(req, required: false) != nil
            let dialect = try await Self.dialect(req)
            return try await Self.withGeoFunctions(req.db) { sql in
                let reader = STAReader(db: sql, dialect: dialect, base: Self.base(req), now: req.now, publicOnly: !readerSeesAll)
                switch try await reader.read(path, items: Self.queryItems(req)) {
                case .json(let text): return Self.json(text)
                case .value(let text):
                    return Response(status: .ok, headers: ["Content-Type": "text/plain; charset=utf-8"], body: .init(string: text))
                }
            }
        }
    }

    // MARK: Write

    @Sendable func post(req: Request) async throws -> Response {
        try await Self.answer {
            _ = try await Self.credential(req, required: true)
            let path = try STAPath(parsing: Self.resourcePath(req))
            guard path.isCollection, !path.ref else { throw STAError(kind: .methodNotAllowed, message: "POST goes to an entity set, e.g. /Things or /Things(1)/Datastreams") }
            let body = try Self.body(req)
            let dialect = try await Self.dialect(req)
            let (entity, id) = try await Self.write(req) { writer, sql in
                let parent = try await Self.parent(of: path, on: sql, req: req, dialect: dialect)
                let id = try await writer.create(path.entity, body, under: parent)
                return (path.entity, id)
            }
            let location = STARow.selfLink(entity, id, base: Self.base(req))
            let created = try await Self.withGeoFunctions(req.db) { sql in
                let reader = STAReader(db: sql, dialect: dialect, base: Self.base(req), now: req.now, publicOnly: false)
                return try await reader.read(try STAPath(parsing: "\(entity.setName)(\(id))"), items: [:])
            }
            guard case .json(let text) = created else { throw STAError.bad("the new entity could not be read") }
            let response = Self.json(text, status: .created)
            response.headers.replaceOrAdd(name: .location, value: location)
            return response
        }
    }

    @Sendable func patch(req: Request) async throws -> Response { try await update(req, replace: false) }
    @Sendable func put(req: Request) async throws -> Response { try await update(req, replace: true) }

    private func update(_ req: Request, replace: Bool) async throws -> Response {
        try await Self.answer {
            _ = try await Self.credential(req, required: true)
            let path = try STAPath(parsing: Self.resourcePath(req))
            let body = try Self.body(req)
            let dialect = try await Self.dialect(req)
            try await Self.write(req) { writer, sql in
                let (entity, id) = try await Self.single(path, on: sql, req: req, dialect: dialect)
                try await writer.update(entity, id: id, body, replace: replace)
            }
            return Response(status: .ok)
        }
    }

    @Sendable func delete(req: Request) async throws -> Response {
        try await Self.answer {
            _ = try await Self.credential(req, required: true)
            let path = try STAPath(parsing: Self.resourcePath(req))
            let dialect = try await Self.dialect(req)
            try await Self.write(req) { writer, sql in
                let (entity, id) = try await Self.single(path, on: sql, req: req, dialect: dialect)
                try await writer.delete(entity, id: id)
            }
            return Response(status: .ok)
        }
    }

    /// The Data Array extension's create: `[{"Datastream":{"@iot.id":1},"components":[…],"dataArray":[[…]]}]`,
    /// answered with each new observation's link. All rows are checked before any is stored.
    @Sendable func createObservations(req: Request) async throws -> Response {
        try await Self.answer {
            _ = try await Self.credential(req, required: true)
            let groups = try STADataArray.parse(try Self.body(req))
            let ids = try await Self.write(req) { writer, _ in
                try await STADataArray.store(groups, with: writer)
            }
            let base = Self.base(req)
            return Self.json(JSONValue.array(ids.map { .string(STARow.selfLink(.observation, $0, base: base)) }).text, status: .created)
        }
    }

    // MARK: Support

    /// One transaction for the write, its observations' flood rules and their events.
    @discardableResult
    static func write<T: Sendable>(_ req: Request, _ body: @escaping @Sendable (STAWriter, any SQLDatabase) async throws -> T) async throws -> T {
        try await SensorWrites.record(on: req.db, hub: req.application.eventHub, monitor: req.application.floodMonitor, now: req.now, body)
    }

    /// The entity a POST is made under (`Things(1)/Datastreams` → Thing 1 by its Datastreams link).
    static func parent(of path: STAPath, on sql: any SQLDatabase, req: Request, dialect: STASQLDialect) async throws -> (link: STAStorage.Link, id: Int64)? {
        guard path.segments.count > 1, let navigation = path.segments.last?.navigation else { return nil }
        let parentPath = try STAPath(parsing: path.segments.dropLast().map { $0.name + ($0.id.map { "(\($0))" } ?? "") }.joined(separator: "/"))
        let (_, id) = try await single(parentPath, on: sql, req: req, dialect: dialect)
        return (STAStorage.Link(navigation: navigation), id)
    }

    /// The one entity a path names, which must exist.
    static func single(_ path: STAPath, on sql: any SQLDatabase, req: Request, dialect: STASQLDialect) async throws -> (STAEntityType, Int64) {
        guard !path.isCollection, path.property == nil, !path.ref else {
            throw STAError(kind: .methodNotAllowed, message: "name one entity, e.g. /Things(1)")
        }
        let reader = STAReader(db: sql, dialect: dialect, base: base(req), now: req.now, publicOnly: false)
        guard case .json(let text) = try await reader.read(path, items: ["$select": "id"]), let id = JSONValue.parse(text)?["@iot.id"]?.int else {
            throw STAError.notFound("no such entity")
        }
        return (path.entity, id)
    }

    static func resourcePath(_ req: Request) -> String {
        let path = req.url.path
        let prefix = "/sta/" + version
        let rest = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        return rest.removingPercentEncoding ?? rest
    }

    /// The query as the client wrote it, decoded once (`+` is a space, as in every HTML form and `requests`).
    static func queryItems(_ req: Request) -> [String: String] {
        guard let query = req.url.query, !query.isEmpty else { return [:] }
        var items: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(parts[0])
            items[key] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return items
    }

    static func body(_ req: Request) throws -> JSONValue {
        guard let buffer = req.body.data, buffer.readableBytes > 0 else { throw STAError.bad("the request needs a JSON body") }
        guard let value = JSONValue.parse(Data(buffer.readableBytesView)) else { throw STAError.bad("the body is not valid JSON") }
        return value
    }

    static func json(_ text: String, status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(string: text))
    }

    /// The standard's error form, `{"code":400,"type":"error","message":"…"}`, for every refusal.
    static func answer(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as STAError {
            let status: HTTPStatus = switch error.kind {
            case .badRequest: .badRequest
            case .unauthorized: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .methodNotAllowed: .methodNotAllowed
            case .conflict: .conflict
            case .tooManyRequests: .tooManyRequests
            }
            let response = json(JSONValue.object([("code", .int(Int64(status.code))), ("type", .string("error")), ("message", .string(error.message))]).text, status: status)
            if error.kind == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"kerta-sensors\", Basic realm=\"kerta-sensors\"") }
            return response
        } catch let error as STAQueryError {
            return try await answer { throw STAError.bad(error.description) }
        } catch let error as DomainError {
            return try await answer { throw STAError.bad(error.description) }
        } catch let error as DecodingError {
            return try await answer { throw STAError.bad("a value has the wrong type: \(error)") }
        } catch let error as PSQLError where error.serverInfo?[.sqlState]?.hasPrefix("22") == true {
            // PostgreSQL's data exceptions (arithmetic out of range in a $filter, a value it cannot cast) are the
            // request's, not the server's.
            return try await answer { throw STAError.bad("$filter: \(error.serverInfo?[.message] ?? "a value is out of range")") }
        }
    }
}
