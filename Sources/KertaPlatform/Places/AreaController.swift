import Fluent
import KertaCore
import Vapor

/// The city's administrative areas: which one holds a point, and their boundaries as GeoJSON.
package struct AreaController: RouteCollection {
    package let cityName: String

    package init(cityName: String) {
        self.cityName = cityName
    }

    package func boot(routes: any RoutesBuilder) throws {
        let areas = routes.grouped("areas")
        areas.get(use: list)
        areas.get("lookup", use: lookup)
    }

    /// `GET /api/v1/areas/lookup?lat=&lon=`: the desa/kelurahan and kecamatan holding the point.
    @Sendable package func lookup(req: Request) async throws -> AreaLocation {
        let point = try req.queryPoint()
        guard let location = try await req.application.areaDirectory.locate(point, on: req.db) else {
            throw APIError(.notFound, code: "outside_city",
                           id: "Titik (\(point.latitude), \(point.longitude)) berada di luar \(cityName); Kerta hanya melayani tempat di dalam kota.",
                           en: "The point (\(point.latitude), \(point.longitude)) is outside \(cityName); Kerta serves only places within the city.")
        }
        return location
    }

    /// `GET /api/v1/areas?level=kecamatan|desa|kota`: boundaries as a GeoJSON FeatureCollection.
    ///
    /// The stored geometry is spliced in as it is: boundaries are the largest thing the API serves,
    /// and decoding and re-encoding them would cost time for nothing.
    @Sendable package func list(req: Request) async throws -> Response {
        var query = Area.query(on: req.db).sort(\.$id)
        if let level = req.queryText("level") {
            guard let known = AreaLevel(rawValue: level) else {
                throw APIError.invalid(field: "level", "level must be one of \(AreaLevel.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(level)\"")
            }
            query = query.filter(\.$level == known.rawValue)
        }
        let areas = try await query.all()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var body = #"{"type":"FeatureCollection","features":["#
        for (i, area) in areas.enumerated() {
            if i > 0 { body += "," }
            let properties = String(decoding: try encoder.encode(AreaFeatureProperties(area)), as: UTF8.self)
            body += #"{"type":"Feature","id":"\#(area.id ?? "")","properties":\#(properties),"geometry":\#(area.geometry)}"#
        }
        body += "]}"
        let response = Response(status: .ok, body: .init(string: body))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "geo+json", parameters: ["charset": "utf-8"])
        // Boundaries change with a reseed at most; phones on weak networks should not fetch them twice a day.
        response.headers.cacheControl = .init(isPublic: true, maxAge: 3600)
        return response
    }
}
