import Fluent
import Foundation
import SQLKit

/// Complaints as plain rows, for the paths that move many of them: bulk inserts (`kerta generate`) and
/// lists (Open311, nearby, the home page). Fluent reflects every model it saves or reads (`Mirror`), which
/// cost about 50 µs per complaint — a 1,000-row Open311 page spent 50 ms on it alone (BENCHMARKS.md).
/// These lists must name every field of ``Complaint``; the test suite reads rows written one way back the
/// other way on both engines.
extension Complaint {
    static let columnNames = [
        "id", "ticket", "idempotency_key", "category_code", "description", "latitude", "longitude", "grid_cell", "address",
        "desa_code", "desa_name", "kecamatan_code", "kecamatan_name", "attributes", "visibility", "reporter_user_id",
        "reporter_name", "reporter_email", "reporter_phone", "status", "agency_code", "priority", "duplicate_of_ticket",
        "public_response", "reopen_count", "submitted_at", "dispatched_at", "first_response_at", "resolved_at",
        "closed_at", "due_at", "resolution_due_at", "overdue_at", "updated_at", "rating_stars", "rating_comment",
        "audit_head", "audit_count",
    ]

    /// The values in ``columnNames`` order.
    var columnValues: [any Encodable & Sendable] {
        [id, ticket, idempotencyKey, categoryCode, text, latitude, longitude, gridCell, address,
         desaCode, desaName, kecamatanCode, kecamatanName, attributesJSON, visibility, reporterUserID,
         reporterName, reporterEmail, reporterPhone, status, agencyCode, priority, duplicateOfTicket,
         publicResponse, reopenCount, submittedAt, dispatchedAt, firstResponseAt, resolvedAt,
         closedAt, dueAt, resolutionDueAt, overdueAt, updatedAt, ratingStars, ratingComment,
         auditHead, auditCount]
    }

    /// A complaint read from a row without reflection.
    convenience init(output o: any DatabaseOutput) throws {
        self.init()
        id = try o.decode("id", as: UUID.self)
        $id.exists = true
        ticket = try o.decode("ticket", as: String.self)
        idempotencyKey = try o.decode("idempotency_key", as: String?.self)
        categoryCode = try o.decode("category_code", as: String.self)
        text = try o.decode("description", as: String.self)
        latitude = try o.decode("latitude", as: Double.self)
        longitude = try o.decode("longitude", as: Double.self)
        gridCell = try o.decode("grid_cell", as: Int64?.self)
        address = try o.decode("address", as: String?.self)
        desaCode = try o.decode("desa_code", as: String.self)
        desaName = try o.decode("desa_name", as: String.self)
        kecamatanCode = try o.decode("kecamatan_code", as: String.self)
        kecamatanName = try o.decode("kecamatan_name", as: String.self)
        attributesJSON = try o.decode("attributes", as: String?.self)
        visibility = try o.decode("visibility", as: String.self)
        reporterUserID = try o.decode("reporter_user_id", as: UUID?.self)
        reporterName = try o.decode("reporter_name", as: String.self)
        reporterEmail = try o.decode("reporter_email", as: String?.self)
        reporterPhone = try o.decode("reporter_phone", as: String?.self)
        status = try o.decode("status", as: String.self)
        agencyCode = try o.decode("agency_code", as: String?.self)
        priority = try o.decode("priority", as: String.self)
        duplicateOfTicket = try o.decode("duplicate_of_ticket", as: String?.self)
        publicResponse = try o.decode("public_response", as: String?.self)
        reopenCount = try o.decode("reopen_count", as: Int.self)
        submittedAt = try o.decode("submitted_at", as: Date.self)
        dispatchedAt = try o.decode("dispatched_at", as: Date?.self)
        firstResponseAt = try o.decode("first_response_at", as: Date?.self)
        resolvedAt = try o.decode("resolved_at", as: Date?.self)
        closedAt = try o.decode("closed_at", as: Date?.self)
        dueAt = try o.decode("due_at", as: Date?.self)
        resolutionDueAt = try o.decode("resolution_due_at", as: Date?.self)
        overdueAt = try o.decode("overdue_at", as: Date?.self)
        updatedAt = try o.decode("updated_at", as: Date.self)
        ratingStars = try o.decode("rating_stars", as: Int?.self)
        ratingComment = try o.decode("rating_comment", as: String?.self)
        auditHead = try o.decode("audit_head", as: String.self)
        auditCount = try o.decode("audit_count", as: Int.self)
    }
}

extension QueryBuilder where Model == Complaint {
    /// `all()` for read-only lists, decoding each row by ``Complaint/init(output:)`` instead of reflection.
    /// The query must select every field (no `.field(…)`).
    func allRows() async throws -> [Complaint] {
        nonisolated(unsafe) var rows: [Result<Complaint, any Error>] = []
        try await run { output in
            rows.append(Result { try Complaint(output: output.qualifiedSchema(space: nil, Complaint.schema)) })
        }
        return try rows.map { try $0.get() }
    }

    func firstRow() async throws -> Complaint? {
        try await limit(1).allRows().first
    }
}
