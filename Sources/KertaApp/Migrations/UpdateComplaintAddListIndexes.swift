import Fluent
import SQLKit

/// Indexes for the lists that a million complaints made slow (BENCHMARKS.md):
/// - Open311 lists by category and date window: (category, submitted_at) instead of scanning a month;
/// - nearby: (category, latitude, longitude, status) answers the bounding box and the open-status test from
///   the index alone, so only the few matching rows are read; it replaces (category, latitude).
struct UpdateComplaintAddListIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "complaints_category_date_idx").on(Complaint.schema).column("category_code").column("submitted_at").run()
        try await sql.create(index: "complaints_nearby_cover_idx").on(Complaint.schema)
            .column("category_code").column("latitude").column("longitude").column("status").run()
        try await sql.drop(index: "complaints_nearby_idx").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "complaints_nearby_idx").on(Complaint.schema).column("category_code").column("latitude").run()
        try await sql.drop(index: "complaints_nearby_cover_idx").run()
        try await sql.drop(index: "complaints_category_date_idx").run()
    }
}
