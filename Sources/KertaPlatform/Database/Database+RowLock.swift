import Fluent
import SQLKit

extension Database {
    /// Holds rows for the rest of the transaction so two servers cannot change them at once (PostgreSQL; SQLite
    /// has one writer already). `values` of `column` name the rows; they are taken in a stable order, so two
    /// transactions locking the same rows never wait on each other in a circle.
    package func lockRows(_ table: String, where column: String = "id", in values: [some Encodable & Sendable & Comparable]) async throws {
        guard isPostgres, !values.isEmpty, let sql = self as? any SQLDatabase else { return }
        try await sql.raw("SELECT 1 FROM \(ident: table) WHERE \(ident: column) IN (\(binds: values.sorted())) ORDER BY \(ident: column) FOR UPDATE").run()
    }
}
