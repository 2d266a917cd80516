import Fluent
import Foundation
import KertaCore
import KertaPlatform
import SQLKit
import Vapor

/// `GET /api/v1/command/layers/complaints?bbox=&zoom=&status=`: the command map's complaints layer as
/// GeoJSON. A box with few complaints answers its points; a box with many answers clusters counted by the
/// database on a grid as fine as the zoom needs, so a million complaints never travel to the browser.
package struct ComplaintLayerController: RouteCollection {
    package init() {}

    /// More points than this in the box are clustered.
    package static let pointLimit = 400

    package static var layer: CommandLayer {
        CommandLayer(id: "complaints", name: LocalizedText(id: "Pengaduan", en: "Complaints"), source: "/api/v1/command/layers/complaints",
                     eventLayer: .complaints,
                     filters: ComplaintStatus.allCases.filter(\.isOpen).map { CommandLayer.Filter(code: $0.rawValue, name: $0.label) },
                     forOfficers: true)
    }

    package func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RoleGuard([.operator, .supervisor, .admin, .officer], answer: .api))
            .get("command", "layers", "complaints", use: features)
    }

    package struct Query: Sendable {
        package var box: BoundingBox
        package var zoom: Int
        package var statuses: [ComplaintStatus]
    }

    package static func query(_ req: Request) throws -> Query {
        var problems = ProblemList()
        var box = BoundingBox(minLatitude: -8.75, minLongitude: 115.15, maxLatitude: -8.55, maxLongitude: 115.30)
        if let text = req.queryText("bbox") {
            if let given = BoundingBox(commaSeparated: text) { box = given }
            else { problems.add("bbox", id: "bbox harus minLon,minLat,maxLon,maxLat", en: "bbox must be minLon,minLat,maxLon,maxLat") }
        }
        var zoom = 12
        if let text = req.queryText("zoom") {
            if let value = Int(text), (0...22).contains(value) { zoom = value }
            else { problems.add("zoom", id: "zoom harus bilangan 0–22", en: "zoom must be a whole number from 0 to 22") }
        }
        var statuses = ComplaintStatus.allCases.filter(\.isOpen)
        if let text = req.queryText("status") {
            let named = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let known = named.compactMap(ComplaintStatus.init(rawValue:))
            if known.count != named.count || known.isEmpty {
                problems.add("status", id: "status tidak dikenal: \(text)", en: "unknown status \(text)")
            } else { statuses = known }
        }
        if !problems.isEmpty { throw DomainError.input(problems.problems, kind: .malformed) }
        return Query(box: box, zoom: zoom, statuses: statuses)
    }

    @Sendable package func features(req: Request) async throws -> Response {
        let query = try Self.query(req)
        let collection = try await Self.collection(query, viewer: req.user, caches: req.application.kertaCaches, on: req.db)
        let response = Response(status: .ok)
        response.headers.contentType = HTTPMediaType(type: "application", subType: "geo+json")
        response.headers.cacheControl = .init(noStore: true)
        response.body = .init(data: try JSONEncoder.kerta.encode(collection))
        return response
    }

    /// What this viewer may see: an agency's officers their agency's complaints; the verifiers, supervisors and
    /// admins all; everyone else the non-confidential ones.
    static func scope(_ viewer: User?) -> SQLQueryString {
        switch viewer?.role {
        case .verifier, .supervisor, .admin: return ""
        case .officer: return " AND \"agency_code\" = \(bind: viewer?.$agency.id ?? "")"
        default: return " AND \"visibility\" <> 'confidential'"
        }
    }

    /// The scope as a cache key's part.
    static func scopeKey(_ viewer: User?) -> String {
        switch viewer?.role {
        case .verifier, .supervisor, .admin: "all"
        case .officer: "agency:" + (viewer?.$agency.id ?? "")
        default: "public"
        }
    }

    /// One pass counts the box on the zoom's grid (reading the layer index alone); only a box holding few
    /// complaints is read again for its points. Clustered answers are shared for a few seconds.
    package static func collection(_ query: Query, viewer: User?, caches: KertaCaches, on db: any Database) async throws -> GeoCollection {
        let box = query.box
        let key = "\(box.minLongitude),\(box.minLatitude),\(box.maxLongitude),\(box.maxLatitude)|\(query.zoom)|"
            + query.statuses.map(\.rawValue).sorted().joined(separator: ",") + "|" + scopeKey(viewer)
        let sql = db as! any SQLDatabase
        let filter: SQLQueryString = """
             WHERE "status" IN (\(binds: query.statuses.map(\.rawValue))) \
            AND "latitude" BETWEEN \(bind: box.minLatitude) AND \(bind: box.maxLatitude) \
            AND "longitude" BETWEEN \(bind: box.minLongitude) AND \(bind: box.maxLongitude)
            """ + scope(viewer)
        let clustered = try await caches.layerClusters.value(for: key) {
            try await clusters(query, filter: filter, on: sql, isPostgres: db.isPostgres)
        }
        guard clustered.total <= pointLimit else { return clustered }
        let rows = try await sql.raw("SELECT \"ticket\", \"status\", \"category_code\", \"latitude\", \"longitude\" FROM \"complaints\"" + filter).all()
        return GeoCollection(total: rows.count, clustered: false, features: try rows.map { row in
            let ticket = try row.decode(column: "ticket", as: String.self)
            let status = try row.decode(column: "status", as: ComplaintStatus.self)
            return GeoFeature(lon: try row.decode(column: "longitude", as: Double.self), lat: try row.decode(column: "latitude", as: Double.self),
                              properties: GeoFeature.Properties(kind: "point", count: nil, ticket: ticket, status: status.rawValue,
                                                                statusLabel: status.label, category: try row.decode(column: "category_code", as: String.self),
                                                                href: SitePath.complaint.link(ticket), consoleHref: SitePath.workspace.link(ticket)))
        })
    }

    private static func clusters(_ query: Query, filter: SQLQueryString, on sql: any SQLDatabase, isPostgres: Bool) async throws -> GeoCollection {
        let box = query.box
        // A cell about a sixth of the map's width at this zoom (256-px tiles): clusters some 40 px apart; and
        // never more than some 4,000 cells, whatever box and zoom a client asks.
        var cell = 360.0 / pow(2.0, Double(query.zoom)) / 6
        let width = box.maxLongitude - box.minLongitude, height = box.maxLatitude - box.minLatitude
        while (width / cell).rounded(.up) * (height / cell).rounded(.up) > 4096 { cell *= 2 }
        let cellY: SQLQueryString = isPostgres ? "FLOOR((\"latitude\" - \(bind: box.minLatitude)) / \(bind: cell))"
            : "CAST((\"latitude\" - \(bind: box.minLatitude)) / \(bind: cell) AS INTEGER)"
        let cellX: SQLQueryString = isPostgres ? "FLOOR((\"longitude\" - \(bind: box.minLongitude)) / \(bind: cell))"
            : "CAST((\"longitude\" - \(bind: box.minLongitude)) / \(bind: cell) AS INTEGER)"
        let rows = try await sql.raw("SELECT COUNT(*) AS \"n\", AVG(\"latitude\") AS \"lat\", AVG(\"longitude\") AS \"lon\" FROM \"complaints\""
                                     + filter + " GROUP BY " + cellY + ", " + cellX).all()
        var total = 0
        let features = try rows.map { row in
            let count = try row.decode(column: "n", as: Int.self)
            total += count
            return GeoFeature(lon: try row.decode(column: "lon", as: Double.self), lat: try row.decode(column: "lat", as: Double.self),
                              properties: GeoFeature.Properties(kind: "cluster", count: count, ticket: nil, status: nil,
                                                                statusLabel: nil, category: nil, href: nil, consoleHref: nil))
        }
        return GeoCollection(total: total, clustered: true, features: features)
    }
}

/// A GeoJSON FeatureCollection of points (RFC 7946), with how many complaints the box holds.
package struct GeoCollection: Codable, Sendable {
    var type = "FeatureCollection"
    let total: Int
    let clustered: Bool
    let features: [GeoFeature]

    init(total: Int, clustered: Bool, features: [GeoFeature]) {
        self.total = total
        self.clustered = clustered
        self.features = features
    }
}

package struct GeoFeature: Codable, Sendable {
    struct Geometry: Codable, Sendable {
        var type = "Point"
        let coordinates: [Double]
    }

    struct Properties: Codable, Sendable {
        let kind: String
        let count: Int?
        let ticket: String?
        let status: String?
        let statusLabel: LocalizedText?
        let category: String?
        let href: String?
        let consoleHref: String?

        enum CodingKeys: String, CodingKey {
            case kind, count, ticket, status, category, href
            case statusLabel = "status_label", consoleHref = "console_href"
        }
    }

    var type = "Feature"
    let geometry: Geometry
    let properties: Properties

    init(lon: Double, lat: Double, properties: Properties) {
        geometry = Geometry(coordinates: [(lon * 1e6).rounded() / 1e6, (lat * 1e6).rounded() / 1e6])
        self.properties = properties
    }
}
