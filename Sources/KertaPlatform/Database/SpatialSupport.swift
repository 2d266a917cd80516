import Fluent
import SQLKit

/// Which engine answers spatial questions: PostGIS when the database has it, Kerta's own geometry otherwise.
package enum SpatialSupport: String, Sendable {
    case postgis
    case portable

    /// Looks for the PostGIS extension; with `install`, first tries to create it (that needs the right privileges,
    /// and failing is fine: the portable path then serves).
    package static func detect(on database: any Database, install: Bool = false) async throws -> SpatialSupport {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return .portable }
        if install {
            let available = try await sql.raw("SELECT 1 AS one FROM pg_available_extensions WHERE name = 'postgis'").first()
            if available != nil, try await sql.raw("SELECT 1 AS one FROM pg_extension WHERE extname = 'postgis'").first() == nil {
                do {
                    try await sql.raw("CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public").run()
                } catch {
                    database.logger.notice("PostGIS is available but could not be enabled (\(String(reflecting: error))); using portable geometry")
                }
            }
        }
        let installed = try await sql.raw("SELECT 1 AS one FROM pg_extension WHERE extname = 'postgis'").first()
        guard installed != nil else { return .portable }
        // The extension may live in a schema outside this connection's search path.
        let callable = try await sql.raw("SELECT 1 AS one FROM pg_proc WHERE proname = 'st_covers' AND pg_function_is_visible(oid)").first()
        return callable == nil ? .portable : .postgis
    }
}
