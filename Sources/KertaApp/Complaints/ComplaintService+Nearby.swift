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
        let candidates = try await Complaint.query(on: db)
            .filter(\.$categoryCode == category)
            .filter(\.$gridCell ~~ GridCell.covering(box).map(Optional.some))
            .filter(\.$latitude >= box.minLatitude).filter(\.$latitude <= box.maxLatitude)
            .filter(\.$longitude >= box.minLongitude).filter(\.$longitude <= box.maxLongitude)
            .filter(\.$status ~~ openStatuses)
            .limit(500)
            .allRows()
        let readable = candidates.filter { $0.id != excluding && ComplaintAccess.canRead($0.facts, by: viewer) }
        let measured: [(complaint: Complaint, distance: Double)] = readable.map { ($0, $0.point.distance(to: point)) }
        let close = measured.filter { $0.distance <= Self.nearbyRadiusMeters }.sorted { a, b in
            a.distance != b.distance ? a.distance < b.distance : a.complaint.ticket < b.complaint.ticket
        }
        return close.prefix(Self.nearbyLimit).map { complaint, distance in
                NearbyComplaint(ticket: complaint.ticket, status: complaint.status, category: complaint.categoryCode,
                                description: String(complaint.text.prefix(160)), distanceMeters: Int(distance.rounded()),
                                submittedAt: WITATimestamp.string(from: complaint.submittedAt))
            }
    }
}
