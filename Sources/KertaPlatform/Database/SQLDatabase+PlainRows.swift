import SQLKit

extension SQLDatabase {
    /// Inserts one plain row. `columns` is the table's quoted column list, written once (``quotedColumns(_:)``):
    /// SQLKit's insert builder escapes every identifier through a generic `replacing` on every call, and
    /// Fluent's `create` reflects over the model first; both were most of a submission's own CPU.
    package func insertRow(into table: String, columns: String, values: [any Encodable & Sendable]) async throws {
        try await insertRows(into: table, columns: columns, rows: [values])
    }

    /// Many rows, one statement per chunk that stays under both engines' limits on bound values.
    package func insertRows(into table: String, columns: String, rows: [[any Encodable & Sendable]]) async throws {
        guard let width = rows.first?.count, width > 0 else { return }
        let perStatement = max(1, 30_000 / width)
        var start = 0
        while start < rows.count {
            var query = SQLQueryString("INSERT INTO \"\(table)\" (\(columns)) VALUES ")
            for (index, row) in rows[start..<min(start + perStatement, rows.count)].enumerated() {
                if index > 0 { query = query + SQLQueryString(", ") }
                query = query + SQLQueryString("(") + "\(binds: row)" + SQLQueryString(")")
            }
            try await raw(query).run()
            start += perStatement
        }
    }
}

/// `"a", "b", …` — both engines quote identifiers with `"`; the names are the models' own constants.
package func quotedColumns(_ names: [String]) -> String {
    names.map { "\"\($0)\"" }.joined(separator: ", ")
}
