import Fluent
import Foundation
import KertaCore

extension ComplaintService {
    static let nearbyRadiusMeters = 250.0
    static let nearbyLimit = 5

    /// Open complaints of the category within 250 m, nearest first, at most 5, that the viewer may read.
    ///
    /// The map cells around the point (``GridCell``, indexed with category and status) and a bounding box
    /// narrow the rows in the database; the exact distance is then measured here, which works the same on
    /// SQLite and PostgreSQL.
    func nearby(_ point: GeoPoint, category: String, viewer: ComplaintActor, excluding: UUID? = nil) async throws -> [NearbyComplaint] {
        let box = BoundingBox(around: point, radius: Self.nearbyRadiusMeters)
        let openStatuses = ComplaintStatus.allCases.filter(\.isOpen).map(\.rawValue)
        struct Candidate {
            let id: UUID, ticket: String, status: String, category: String, text: String, point: GeoPoint
            let facts: ComplaintFacts, submittedAt: Date
        }
        // Only the columns the answer and the access rule need: a busy corner can hold hundreds of open
        // complaints, and decoding whole rows was most of the cost of this search.
        nonisolated(unsafe) var rows: [Result<Candidate, any Error>] = []
        try await Complaint.query(on: db)
            .filter(\.$categoryCode == category)
            .filter(\.$gridCell ~~ GridCell.covering(box).map(Optional.some))
            .filter(\.$latitude >= box.minLatitude).filter(\.$latitude <= box.maxLatitude)
            .filter(\.$longitude >= box.minLongitude).filter(\.$longitude <= box.maxLongitude)
            .filter(\.$status ~~ openStatuses)
            .field(\.$id).field(\.$ticket).field(\.$status).field(\.$categoryCode).field(\.$text).field(\.$latitude)
            .field(\.$longitude).field(\.$visibility).field(\.$agencyCode).field(\.$resolvedAt).field(\.$submittedAt)
            .limit(500)
            .run { row in
                rows.append(Result {
                    let o = row.qualifiedSchema(space: nil, Complaint.schema)
                    let status = try o.decode("status", as: String.self)
                    return Candidate(
                        id: try o.decode("id", as: UUID.self), ticket: try o.decode("ticket", as: String.self), status: status,
                        category: try o.decode("category_code", as: String.self), text: try o.decode("description", as: String.self),
                        point: GeoPoint(latitude: try o.decode("latitude", as: Double.self), longitude: try o.decode("longitude", as: Double.self)),
                        facts: ComplaintFacts(status: ComplaintStatus(rawValue: status) ?? .submitted,
                                              visibility: ComplaintVisibility(rawValue: try o.decode("visibility", as: String.self)) ?? .confidential,
                                              agencyCode: try o.optional("agency_code", String.self),
                                              resolvedAt: try o.optional("resolved_at", Date.self)),
                        submittedAt: try o.decode("submitted_at", as: Date.self))
                })
            }
        let candidates = try rows.map { try $0.get() }
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
