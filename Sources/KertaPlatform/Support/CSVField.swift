import KertaCore

/// CSV quoting (RFC 4180), and a guard against spreadsheet formula injection: a cell starting with
/// `=`, `+`, `-` or `@` is prefixed with an apostrophe, as the open-data portal's users open exports in
/// Excel. KertaCore's writer works on Unicode scalars, so a combining mark cannot hide a quote or an `=`.
package enum CSVField {
    package static func escape(_ value: String) -> String {
        CSVTable.spreadsheetField(value)
    }
}
