import Fluent
import Foundation
import KertaCore
import Vapor
import KertaPlatform

/// `GET /api/v1/exports/complaints.csv|.geojson`: open data. Public and anonymous complaints only, and
/// no free text or personal data — ticket, category, agency, place, status and dates — whoever asks.
package struct ExportController: RouteCollection {
    package init() {}

    package static let maximumRows = 100_000

    package func boot(routes: any RoutesBuilder) throws {
        let exports = routes.grouped("exports")
        exports.get("complaints.csv", use: csv)
        exports.get("complaints.geojson", use: geojson)
    }

    private func rows(_ req: Request) async throws -> [Complaint] {
        let filter = try ComplaintFilter(from: req)
        let query = Complaint.query(on: req.db)
        // Exports are public whoever asks, so they are built as for a visitor.
        filter.apply(to: query, viewer: nil, isPostgres: req.db.isPostgres)
        return try await query.sort(\.$submittedAt, .descending).limit(Self.maximumRows)
            .field(\.$id).field(\.$ticket).field(\.$status).field(\.$categoryCode).field(\.$agencyCode)
            .field(\.$desaCode).field(\.$desaName).field(\.$kecamatanCode).field(\.$kecamatanName)
            .field(\.$latitude).field(\.$longitude).field(\.$submittedAt).field(\.$resolvedAt).field(\.$closedAt).field(\.$visibility)
            .all()
    }

    package static let columns = ["ticket", "status", "category", "agency", "desa_code", "desa", "kecamatan_code", "kecamatan",
                          "latitude", "longitude", "submitted_at", "resolved_at", "closed_at"]

    package static func values(_ c: Complaint) -> [String] {
        [c.ticket, c.status.rawValue, c.categoryCode, c.agencyCode ?? "", c.desaCode, c.desaName, c.kecamatanCode, c.kecamatanName,
         String(format: "%.6f", c.latitude), String(format: "%.6f", c.longitude), WITATimestamp.string(from: c.submittedAt),
         c.resolvedAt.map(WITATimestamp.string(from:)) ?? "", c.closedAt.map(WITATimestamp.string(from:)) ?? ""]
    }

    @Sendable package func csv(req: Request) async throws -> Response {
        var text = Self.columns.joined(separator: ",") + "\r\n"
        for complaint in try await rows(req) {
            text += Self.values(complaint).map(CSVField.escape).joined(separator: ",") + "\r\n"
        }
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"kerta-complaints.csv\"")
        return response
    }

    @Sendable package func geojson(req: Request) async throws -> Response {
        struct Feature: Encodable {
            let type = "Feature"
            let geometry: Geometry
            let properties: [String: String]
        }
        struct Geometry: Encodable {
            let type = "Point"
            let coordinates: [Double]
        }
        struct Collection: Encodable {
            let type = "FeatureCollection"
            let features: [Feature]
        }
        let features = try await rows(req).map { c in
            Feature(geometry: Geometry(coordinates: [c.longitude, c.latitude]),
                    properties: Dictionary(uniqueKeysWithValues: zip(Self.columns, Self.values(c)).filter { !["latitude", "longitude"].contains($0.0) }))
        }
        let data = try JSONEncoder.sortedKeys.encode(Collection(features: features))
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: "application/geo+json")
        return response
    }
}
