import SQLKit

extension SQLDatabase {
    /// Inserts one plain row. `columns` is the table's quoted column list, written once (``quotedColumns(_:)``):
    /// SQLKit's insert builder escapes every identifier through a generic `replacing` on every call, and
    /// Fluent's `create` reflects over the model first; both were most of a submission's own CPU.
    package func insertRow(into table: String, columns: String, values: [any Encodable & Sendable]) async throws {
        try await raw(SQLQueryString("INSERT INTO \"\(table)\" (\(columns)) VALUES (") + "\(binds: values)" + SQLQueryString(")")).run()
    }
}

/// `"a", "b", …` — both engines quote identifiers with `"`; the names are the models' own constants.
package func quotedColumns(_ names: [String]) -> String {
    names.map { "\"\($0)\"" }.joined(separator: ", ")
}
