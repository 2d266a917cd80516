import Foundation
import KertaCore
import SQLKit
import KertaPlatform

/// What an Open311 answer shows of a complaint (``Open311Representation``), read as a plain row through
/// SQLKit. Fluent's row path cost several string allocations and dictionary lookups per column (each key is
/// re-prefixed with the table's name) and a model of forty property wrappers per complaint; a 100-request
/// page spent most of its CPU there and in the photo and note models decoded by reflection (BENCHMARKS.md).
package struct Open311Request {
    package let id: UUID
    package let ticket: String
    package let status: ComplaintStatus
    package let publicResponse: String?
    package let categoryCode: String
    package let text: String
    package let agencyCode: String?
    package let dueAt: Date?
    package let submittedAt: Date
    package let updatedAt: Date
    package let resolutionDueAt: Date?
    package let address: String?
    package let desaName: String
    package let kecamatanName: String
    package let latitude: Double
    package let longitude: Double

    package var point: GeoPoint { GeoPoint(latitude: latitude, longitude: longitude) }

    /// The columns read, in the order of the select list.
    package static let columns = [
        "id", "ticket", "status", "public_response", "category_code", "description", "agency_code", "due_at", "submitted_at",
        "updated_at", "resolution_due_at", "address", "desa_name", "kecamatan_name", "latitude", "longitude",
    ]

    package init(row: PlainRow) throws {
        id = try row.decode(0)
        ticket = try row.decode(1)
        status = try row.decode(2)
        publicResponse = try row.optional(3)
        categoryCode = try row.decode(4)
        text = try row.decode(5)
        agencyCode = try row.optional(6)
        dueAt = try row.optional(7)
        submittedAt = try row.decode(8)
        updatedAt = try row.decode(9)
        resolutionDueAt = try row.optional(10)
        address = try row.optional(11)
        desaName = try row.decode(12)
        kecamatanName = try row.decode(13)
        latitude = try row.decode(14)
        longitude = try row.decode(15)
    }

    /// The select list, quoted once (both engines quote identifiers with `"`).
    package static let selectList = columns.map { "\"\($0)\"" }.joined(separator: ", ")
}

/// A select of public (not confidential) complaints with ``Open311Request``'s columns, written as SQL text
/// with binds: SQLKit's builder escapes every identifier through a generic `replacing` on every request,
/// and Fluent's query also reflects over the whole model (its soft-delete check) — together about a third of
/// `GET /open311/v2/requests/{id}` (BENCHMARKS.md). Filters are ANDed in the order given, as Fluent's were.
package struct Open311Select {
    private var text: SQLQueryString

    package init() {
        text = SQLQueryString("SELECT \(Open311Request.selectList) FROM \"\(Complaint.schema)\" WHERE \"visibility\" <> ")
            + "\(bind: ComplaintVisibility.confidential.rawValue)"
    }

    /// `column op value`; `column` and `op` are this file's constants, never a client's text.
    package mutating func filter(_ column: String, _ op: String, _ value: any Encodable & Sendable) {
        text += SQLQueryString(" AND \"\(column)\" \(op) ") + "\(bind: value)"
    }

    /// `column IN (values)`, or a false predicate for no values, as Fluent's `~~` writes it.
    package mutating func filter(_ column: String, in values: [String]) {
        text += values.isEmpty ? SQLQueryString(" AND 1 = 0") : SQLQueryString(" AND \"\(column)\" IN (") + "\(binds: values)" + SQLQueryString(")")
    }

    /// Runs it, ordered by `order` (SQL text of this file) and cut to `limit` rows after `offset`.
    package func all(on sql: any SQLDatabase, orderBy order: String? = nil, limit: Int? = nil, offset: Int? = nil) async throws -> [Open311Request] {
        var query = text
        if let order { query += SQLQueryString(" ORDER BY \(order)") }
        if let limit { query += SQLQueryString(" LIMIT " + String(limit)) }
        if let offset { query += SQLQueryString(" OFFSET " + String(offset)) }
        return try await PlainRow.all(query, columns: Open311Request.columns, on: sql, Open311Request.init(row:))
    }
}

/// A public note of a complaint, as Open311's `extensions=true` and `status_notes` show it.
package struct Open311Note {
    package let body: String
    package let authorRole: String
    package let createdAt: Date
}

/// The photos and public notes of some complaints, read in one statement (photos by kind and position,
/// notes by time, as before).
package struct Open311Attachments {
    package var photos: [UUID: [UUID]] = [:]
    package var notes: [UUID: [Open311Note]] = [:]

    package static func load(for ids: [UUID], on sql: any SQLDatabase) async throws -> Open311Attachments {
        var found = Open311Attachments()
        guard !ids.isEmpty else { return found }
        // One round trip instead of two. Each branch fills only its own columns; the other's are NULL
        // (typed by the other branch on PostgreSQL), and rows are ordered within each branch.
        let rows = try await sql.raw("""
            SELECT 0 AS "source", "complaint_id", "id", "kind", "position", NULL AS "body", NULL AS "author_role", NULL AS "created_at"
            FROM "complaint_photos" WHERE "complaint_id" IN (\(binds: ids))
            UNION ALL
            SELECT 1 AS "source", "complaint_id", "id", NULL AS "kind", NULL AS "position", "body", "author_role", "created_at"
            FROM "complaint_updates" WHERE "complaint_id" IN (\(binds: ids)) AND "internal" = \(bind: false)
            ORDER BY "source", "kind", "position", "created_at"
            """).all()
        for row in rows {
            let complaint = try row.decode(column: "complaint_id", as: UUID.self)
            if try row.decode(column: "source", as: Int.self) == 0 {
                found.photos[complaint, default: []].append(try row.decode(column: "id", as: UUID.self))
            } else {
                found.notes[complaint, default: []].append(Open311Note(
                    body: try row.decode(column: "body", as: String.self),
                    authorRole: try row.decode(column: "author_role", as: String.self),
                    createdAt: try row.decode(column: "created_at", as: Date.self)))
            }
        }
        return found
    }
}
