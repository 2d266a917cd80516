import Fluent
import Foundation
import KertaCore
import SQLKit
import KertaPlatform

extension ComplaintService {
    package static let nearbyRadiusMeters = 250.0
    package static let nearbyLimit = 5

    /// Open complaints of the category within 250 m, nearest first, at most 5, that the viewer may read.
    ///
    /// The map cells around the point (``GridCell``, indexed with category and status) and a bounding box
    /// narrow the rows in the database; the exact distance is then measured here, which works the same on
    /// SQLite and PostgreSQL.
    package func nearby(_ point: GeoPoint, category: String, viewer: ComplaintActor, excluding: UUID? = nil) async throws -> [NearbyComplaint] {
        let box = BoundingBox(around: point, radius: Self.nearbyRadiusMeters)
        let openStatuses = ComplaintStatus.allCases.filter(\.isOpen).map(\.rawValue)
        struct Candidate {
            let id: UUID, ticket: String, status: ComplaintStatus, category: String, text: String, point: GeoPoint
            let facts: ComplaintFacts, submittedAt: Date
        }
        // Only the columns the answer and the access rule need: a busy corner can hold hundreds of open
        // complaints, and decoding whole rows was most of the cost of this search. SQL text with binds, not
        // Fluent's builder: its reflection and identifier escaping were most of what remained (every
        // submission runs this search for possible duplicates).
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT "id", "ticket", "status", "category_code", "description", "latitude", "longitude", "visibility",
                   "agency_code", "resolved_at", "submitted_at" FROM "complaints"
            WHERE "category_code" = \(bind: category) AND "grid_cell" IN (\(binds: GridCell.covering(box)))
              AND "latitude" >= \(bind: box.minLatitude) AND "latitude" <= \(bind: box.maxLatitude)
              AND "longitude" >= \(bind: box.minLongitude) AND "longitude" <= \(bind: box.maxLongitude)
              AND "status" IN (\(binds: openStatuses)) LIMIT 500
            """).all()
        let candidates = try rows.map { row in
            let status = try row.decode(column: "status", as: ComplaintStatus.self)
            return Candidate(
                id: try row.decode(column: "id", as: UUID.self), ticket: try row.decode(column: "ticket", as: String.self), status: status,
                category: try row.decode(column: "category_code", as: String.self), text: try row.decode(column: "description", as: String.self),
                point: GeoPoint(latitude: try row.decode(column: "latitude", as: Double.self), longitude: try row.decode(column: "longitude", as: Double.self)),
                facts: ComplaintFacts(status: status,
                                      visibility: try row.decode(column: "visibility", as: ComplaintVisibility.self),
                                      agencyCode: try row.optional("agency_code", String.self),
                                      resolvedAt: try row.optional("resolved_at", Date.self)),
                submittedAt: try row.decode(column: "submitted_at", as: Date.self))
        }
        let readable = candidates.filter { $0.id != excluding && ComplaintAccess.canRead($0.facts, by: viewer) }
        let measured = readable.map { (candidate: $0, distance: $0.point.distance(to: point)) }
        let close = measured.filter { $0.distance <= Self.nearbyRadiusMeters }.sorted { a, b in
            a.distance != b.distance ? a.distance < b.distance : a.candidate.ticket < b.candidate.ticket
        }
        return close.prefix(Self.nearbyLimit).map { c, distance in
            NearbyComplaint(ticket: c.ticket, status: c.status, category: c.category,
                            description: String(c.text.prefix(160)), distanceMeters: Int(distance.rounded()),
                            submittedAt: WITATimestamp.string(from: c.submittedAt))
        }
    }
}
