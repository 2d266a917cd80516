import Fluent
import SQLKit
import KertaPlatform

/// Open311 lists by category and date window read (category, submitted_at) instead of a month of rows;
/// the home page's counts by status read (status, visibility) instead of the whole table.
package struct UpdateComplaintAddListIndexes: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).create(index: "complaints_category_date_idx").on(Complaint.schema)
            .column("category_code").column("submitted_at").run()
        try await (database as! any SQLDatabase).create(index: "complaints_status_visibility_idx").on(Complaint.schema)
            .column("status").column("visibility").run()
    }

    package func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "complaints_status_visibility_idx").run()
        try await (database as! any SQLDatabase).drop(index: "complaints_category_date_idx").run()
    }
}
