import FluentSQLiteDriver
import Foundation
import KertaCore
import SQLKit
import SQLiteNIO
import Vapor

extension STAController {
    /// Runs `body` on a database where `$filter`'s geo functions work. PostgreSQL has PostGIS's; SQLite gets
    /// Kerta's own (``STAGeometryFunctions``) as the SQL function `kerta_geo(name, a, b[, pattern])`, installed
    /// on the one connection the read then uses.
    static func withGeoFunctions<T: Sendable>(_ db: any Database, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard let sqlite = db as? any SQLiteDatabase else { return try await body(db as! any SQLDatabase) }
        return try await sqlite.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                for arguments: Int32 in [3, 4] {
                    try await connection.install(customFunction: SQLiteCustomFunction("kerta_geo", argumentCount: arguments, pure: true) { values in
                        func text(_ index: Int) -> String? {
                            guard index < values.count, case .text(let value) = values[index] else { return nil }
                            return value
                        }
                        guard let name = text(0) else { return nil }
                        return try STAGeometryFunctions.evaluate(name: name, text(1), text(2), pattern: text(3))
                    })
                }
                return try await body(connection.sql())
            }
        }.get()
    }
}
