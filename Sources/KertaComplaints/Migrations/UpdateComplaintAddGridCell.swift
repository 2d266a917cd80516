import Fluent
import KertaCore
import SQLKit
import KertaPlatform

/// The map cell of each complaint (``GridCell``) and the index nearby searches use: category, cell,
/// status — so the open complaints of a category around a point are a few index seeks.
package struct UpdateComplaintAddGridCell: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Complaint.schema).field("grid_cell", .int64).update()
        let sql = database as! any SQLDatabase
        try await Self.fill(sql)
        try await sql.create(index: "complaints_nearby_cell_idx").on(Complaint.schema)
            .column("category_code").column("grid_cell").column("status").run()
        try await sql.drop(index: "complaints_nearby_idx").run()
    }

    /// ``GridCell/of(_:)`` in SQL for the rows already there: shift to positive degrees, divide by the cell
    /// size, round down.
    package static func fill(_ sql: any SQLDatabase) async throws {
        let size = GridCell.size
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                UPDATE complaints SET grid_cell = floor((latitude + 90::float8) / \(unsafeRaw: "\(size)")::float8)::bigint * 100000
                    + floor((longitude + 180::float8) / \(unsafeRaw: "\(size)")::float8)::bigint
                """).run()
        } else {
            try await sql.raw("""
                UPDATE complaints SET grid_cell = CAST((latitude + 90.0) / \(unsafeRaw: "\(size)") AS INTEGER) * 100000
                    + CAST((longitude + 180.0) / \(unsafeRaw: "\(size)") AS INTEGER)
                """).run()
        }
    }

    package func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "complaints_nearby_idx").on(Complaint.schema).column("category_code").column("latitude").run()
        try await sql.drop(index: "complaints_nearby_cell_idx").run()
        try await database.schema(Complaint.schema).deleteField("grid_cell").update()
    }
}
