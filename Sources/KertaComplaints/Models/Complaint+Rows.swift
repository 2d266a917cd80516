import KertaCore
import Fluent
import Foundation
import SQLKit
import KertaPlatform

/// Complaints as plain rows, for the paths that move many of them: bulk inserts (`kerta generate`) and
/// lists (Open311, nearby, the home page). Fluent reflects every model it saves or reads (`Mirror`), which
/// cost about 50 µs per complaint — a 1,000-row Open311 page spent 50 ms on it alone (BENCHMARKS.md).
/// These lists must name every field of ``Complaint``; the test suite reads rows written one way back the
/// other way on both engines.
extension Complaint {
    package static let columnNames = [
        "id", "ticket", "idempotency_key", "category_code", "description", "latitude", "longitude", "grid_cell", "address",
        "desa_code", "desa_name", "kecamatan_code", "kecamatan_name", "attributes", "visibility", "reporter_user_id",
        "reporter_name", "reporter_email", "reporter_phone", "status", "agency_code", "priority", "duplicate_of_ticket",
        "public_response", "reopen_count", "submitted_at", "dispatched_at", "first_response_at", "resolved_at",
        "closed_at", "due_at", "resolution_due_at", "overdue_at", "updated_at", "rating_stars", "rating_comment",
        "audit_head", "audit_count", "escalated_at", "escalated_stage",
    ]

    package static let quotedColumnNames = quotedColumns(columnNames)

    /// The values in ``columnNames`` order.
    package var columnValues: [any Encodable & Sendable] {
        [id, ticket, idempotencyKey, categoryCode, text, latitude, longitude, gridCell, address,
         desaCode, desaName, kecamatanCode, kecamatanName, attributesJSON, visibility, reporterUserID,
         reporterName, reporterEmail, reporterPhone, status, agencyCode, priority, duplicateOfTicket,
         publicResponse, reopenCount, submittedAt, dispatchedAt, firstResponseAt, resolvedAt,
         closedAt, dueAt, resolutionDueAt, overdueAt, updatedAt, ratingStars, ratingComment,
         auditHead, auditCount, escalatedAt, escalatedStage]
    }

    /// The columns an Open311 answer shows (``Open311Representation``): its lists read only these.
    package static let open311Columns: Set<String> = [
        "id", "ticket", "status", "public_response", "category_code", "description", "agency_code", "due_at", "submitted_at",
        "updated_at", "resolution_due_at", "address", "desa_name", "kecamatan_name", "latitude", "longitude", "visibility",
    ]

    /// A complaint read from a row without reflection; with `columns`, only those (the others stay unset and
    /// must not be read).
    package convenience init(output o: any DatabaseOutput, columns: Set<String>? = nil) throws {
        self.init()
        func has(_ column: String) -> Bool { columns?.contains(column) ?? true }
        if has("id") { id = try o.decode("id", as: UUID.self) }
        $id.exists = true
        if has("ticket") { ticket = try o.decode("ticket", as: String.self) }
        if has("idempotency_key") { idempotencyKey = try o.optional("idempotency_key", String.self) }
        if has("category_code") { categoryCode = try o.decode("category_code", as: String.self) }
        if has("description") { text = try o.decode("description", as: String.self) }
        if has("latitude") { latitude = try o.decode("latitude", as: Double.self) }
        if has("longitude") { longitude = try o.decode("longitude", as: Double.self) }
        if has("grid_cell") { gridCell = try o.optional("grid_cell", Int64.self) }
        if has("address") { address = try o.optional("address", String.self) }
        if has("desa_code") { desaCode = try o.decode("desa_code", as: String.self) }
        if has("desa_name") { desaName = try o.decode("desa_name", as: String.self) }
        if has("kecamatan_code") { kecamatanCode = try o.decode("kecamatan_code", as: String.self) }
        if has("kecamatan_name") { kecamatanName = try o.decode("kecamatan_name", as: String.self) }
        if has("attributes") { attributesJSON = try o.optional("attributes", String.self) }
        if has("visibility") { visibility = try o.decode("visibility", as: ComplaintVisibility.self) }
        if has("reporter_user_id") { reporterUserID = try o.optional("reporter_user_id", UUID.self) }
        if has("reporter_name") { reporterName = try o.decode("reporter_name", as: String.self) }
        if has("reporter_email") { reporterEmail = try o.optional("reporter_email", String.self) }
        if has("reporter_phone") { reporterPhone = try o.optional("reporter_phone", String.self) }
        if has("status") { status = try o.decode("status", as: ComplaintStatus.self) }
        if has("agency_code") { agencyCode = try o.optional("agency_code", String.self) }
        if has("priority") { priority = try o.decode("priority", as: Priority.self) }
        if has("duplicate_of_ticket") { duplicateOfTicket = try o.optional("duplicate_of_ticket", String.self) }
        if has("public_response") { publicResponse = try o.optional("public_response", String.self) }
        if has("reopen_count") { reopenCount = try o.decode("reopen_count", as: Int.self) }
        if has("submitted_at") { submittedAt = try o.decode("submitted_at", as: Date.self) }
        if has("dispatched_at") { dispatchedAt = try o.optional("dispatched_at", Date.self) }
        if has("first_response_at") { firstResponseAt = try o.optional("first_response_at", Date.self) }
        if has("resolved_at") { resolvedAt = try o.optional("resolved_at", Date.self) }
        if has("closed_at") { closedAt = try o.optional("closed_at", Date.self) }
        if has("due_at") { dueAt = try o.optional("due_at", Date.self) }
        if has("resolution_due_at") { resolutionDueAt = try o.optional("resolution_due_at", Date.self) }
        if has("overdue_at") { overdueAt = try o.optional("overdue_at", Date.self) }
        if has("updated_at") { updatedAt = try o.decode("updated_at", as: Date.self) }
        if has("rating_stars") { ratingStars = try o.optional("rating_stars", Int.self) }
        if has("rating_comment") { ratingComment = try o.optional("rating_comment", String.self) }
        if has("audit_head") { auditHead = try o.decode("audit_head", as: String.self) }
        if has("audit_count") { auditCount = try o.decode("audit_count", as: Int.self) }
        if has("escalated_at") { escalatedAt = try o.optional("escalated_at", Date.self) }
        if has("escalated_stage") { escalatedStage = try o.optional("escalated_stage", ComplaintStatus.self) }
    }
}

extension DatabaseOutput {
    /// A nullable column: asking for NULL first keeps the drivers on their fast path for the plain type
    /// (decoding `T?` directly went through a generic `Decoder` for every column of every row).
    package func optional<T: Decodable>(_ key: FieldKey, _ type: T.Type) throws -> T? {
        try decodeNil(key) ? nil : decode(key, as: T.self)
    }
}

extension QueryBuilder where Model == Complaint {
    /// `all()` for read-only lists, decoding each row by ``Complaint/init(output:columns:)`` instead of
    /// reflection: every column, or only `columns`.
    package func allRows(columns: Set<String>? = nil) async throws -> [Complaint] {
        if let columns {
            query.fields = columns.sorted().map { .extendedPath([.string($0)], schema: Complaint.schema, space: nil) }
        }
        nonisolated(unsafe) var rows: [Result<Complaint, any Error>] = []
        try await run { output in
            rows.append(Result { try Complaint(output: output.qualifiedSchema(space: nil, Complaint.schema), columns: columns) })
        }
        return try rows.map { try $0.get() }
    }

    package func firstRow(columns: Set<String>? = nil) async throws -> Complaint? {
        try await limit(1).allRows(columns: columns).first
    }
}
