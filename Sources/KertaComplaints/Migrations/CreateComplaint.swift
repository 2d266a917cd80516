import Fluent
import SQLKit
import KertaPlatform

package struct CreateComplaint: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Complaint.schema)
            .id()
            .field("ticket", .string, .required)
            .field("idempotency_key", .string)
            .field("category_code", .string, .required, .references(Category.schema, "code"))
            .field("description", .string, .required)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .field("address", .string)
            .field("desa_code", .string, .required)
            .field("desa_name", .string, .required)
            .field("kecamatan_code", .string, .required)
            .field("kecamatan_name", .string, .required)
            .field("visibility", .string, .required)
            .field("reporter_user_id", .uuid, .references(User.schema, "id"))
            .field("reporter_name", .string, .required)
            .field("reporter_email", .string)
            .field("reporter_phone", .string)
            .field("status", .string, .required)
            .field("agency_code", .string, .references(Agency.schema, "code"))
            .field("priority", .string, .required)
            .field("duplicate_of_ticket", .string)
            .field("public_response", .string)
            .field("reopen_count", .int, .required)
            .field("submitted_at", .datetime, .required)
            .field("dispatched_at", .datetime)
            .field("first_response_at", .datetime)
            .field("resolved_at", .datetime)
            .field("closed_at", .datetime)
            .field("due_at", .datetime)
            .field("resolution_due_at", .datetime)
            .field("overdue_at", .datetime)
            .field("updated_at", .datetime, .required)
            .field("rating_stars", .int)
            .field("rating_comment", .string)
            .field("audit_head", .string, .required)
            .field("audit_count", .int, .required)
            .unique(on: "ticket")
            .unique(on: "idempotency_key")
            .create()
        let sql = database as! any SQLDatabase
        // The list is newest first; filters narrow by status, agency, category and place; nearby by category and latitude.
        try await sql.create(index: "complaints_submitted_idx").on(Complaint.schema).column("submitted_at").run()
        try await sql.create(index: "complaints_status_idx").on(Complaint.schema).column("status").column("submitted_at").run()
        try await sql.create(index: "complaints_agency_idx").on(Complaint.schema).column("agency_code").column("submitted_at").run()
        try await sql.create(index: "complaints_kecamatan_idx").on(Complaint.schema).column("kecamatan_code").column("submitted_at").run()
        try await sql.create(index: "complaints_nearby_idx").on(Complaint.schema).column("category_code").column("latitude").run()
        try await sql.create(index: "complaints_due_idx").on(Complaint.schema).column("due_at").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Complaint.schema).delete()
    }
}
