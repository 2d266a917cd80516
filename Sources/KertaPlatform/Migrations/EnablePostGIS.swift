import Fluent
import SQLKit

/// On PostgreSQL with PostGIS, gives areas a real geometry column with a spatial index.
/// Elsewhere it does nothing: the portable path answers the same questions from the GeoJSON text.
package struct EnablePostGIS: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        guard try await SpatialSupport.detect(on: database, install: true) == .postgis else { return }
        try await sql.raw("ALTER TABLE areas ADD COLUMN IF NOT EXISTS geom geometry(Geometry, 4326)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS areas_geom_idx ON areas USING GIST (geom)").run()
    }

    package func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("DROP INDEX IF EXISTS areas_geom_idx").run()
        try await sql.raw("ALTER TABLE areas DROP COLUMN IF EXISTS geom").run()
    }
}
