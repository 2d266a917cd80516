import FluentPostgresDriver
import Foundation
import SQLKit

/// One row of a plain select, its columns read by position, from either engine.
///
/// On PostgreSQL the rows come straight from PostgresNIO and each cell is decoded by its own
/// `PostgresDecodable` conformance. Through SQLKit's row every cell went through PostgresKit's
/// `PostgresDataTranslation`, which builds a coding path, casts the type several ways and allocates
/// on each column: 39 % of an Open311 list of 1,000 at a million complaints (BENCHMARKS.md).
package struct PlainRow {
    private let postgres: PostgresRandomAccessRow?
    private let sql: (any SQLRow)?
    private let columns: [String]

    package init(postgres row: PostgresRow) {
        postgres = row.makeRandomAccess()
        sql = nil
        columns = []
    }

    package init(sql row: any SQLRow, columns: [String]) {
        postgres = nil
        sql = row
        self.columns = columns
    }

    package func decode<T: PostgresDecodable & Decodable>(_ index: Int, as type: T.Type = T.self) throws -> T {
        if let postgres { return try postgres[index].decode(T.self) }
        return try sql!.decode(column: columns[index], as: T.self)
    }

    /// A stored code read as its typed value: a code this version does not know is an error, never a default.
    package func decode<T: RawRepresentable>(_ index: Int, as type: T.Type = T.self) throws -> T where T.RawValue == String {
        let code: String = try decode(index)
        guard let value = T(rawValue: code) else { throw UnknownCode(column: index, code: code) }
        return value
    }

    package struct UnknownCode: Error, CustomStringConvertible {
        package let column: Int
        package let code: String
        package var description: String { "column \(column) holds the unknown code \(code)" }
    }

    package func optional<T: PostgresDecodable & Decodable>(_ index: Int, _ type: T.Type = T.self) throws -> T? {
        if let postgres {
            let cell = postgres[index]
            return cell.bytes == nil ? nil : try cell.decode(T.self)
        }
        return try sql!.optional(columns[index], T.self)
    }

    /// Runs a select whose result columns are `columns`, in that order, and reads each row with `read`.
    package static func all<T>(_ query: SQLQueryString, columns: [String], on sql: any SQLDatabase,
                       _ read: (PlainRow) throws -> T) async throws -> [T] {
        if let postgres = sql as? any PostgresDatabase, let bound = postgresQuery(query, on: sql) {
            let result = try await postgres.withConnection { $0.query(bound, logger: postgres.logger) }.get()
            return try result.rows.map { try read(PlainRow(postgres: $0)) }
        }
        return try await sql.raw(query).all().map { try read(PlainRow(sql: $0, columns: columns)) }
    }

    /// The query as PostgresNIO takes it: SQLKit's text (with `$n` placeholders) and the same binds, each
    /// encoded by its own conformance as PostgresKit would; nil if a bind has none (SQLKit then sends it).
    private static func postgresQuery(_ query: SQLQueryString, on sql: any SQLDatabase) -> PostgresQuery? {
        let (text, binds) = sql.serialize(query)
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds {
            guard let value = bind as? any PostgresThrowingDynamicTypeEncodable, (try? bindings.append(value)) != nil else { return nil }
        }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }
}
