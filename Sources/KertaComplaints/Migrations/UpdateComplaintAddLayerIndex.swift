import Fluent
import SQLKit
import KertaPlatform

/// The command map's complaints layer counts the open complaints of a box on a grid: with the place and
/// the access columns in the index, the database reads the index alone, not a row per complaint.
package struct UpdateComplaintAddLayerIndex: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).create(index: "complaints_layer_idx").on(Complaint.schema)
            .column("status").column("latitude").column("longitude").column("visibility").column("agency_code").run()
    }

    package func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "complaints_layer_idx").run()
    }
}
