import Foundation

/// Writing CSV that CSVTable (and spreadsheets) read back field for field.
extension CSVTable {
    /// One field as RFC 4180 writes it: quoted when it holds a comma, a quote, CR or LF, with quotes doubled.
    ///
    /// The test is made code point by code point: Swift compares Characters, and a quote or comma followed
    /// by a combining mark (`"\u{301}`), or CR LF (one Character), is not equal to `"`, `,` or `\n`, so a
    /// Character-wise check left such a field unquoted and its quote undoubled (fuzz/targets/csv).
    public static func field(_ value: String) -> String {
        let special: Set<Unicode.Scalar> = [",", "\"", "\n", "\r"]
        guard value.unicodeScalars.contains(where: special.contains) else { return value }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in value.unicodeScalars {
            out.append(scalar)
            if scalar == "\"" { out.append("\"") }
        }
        out.append("\"")
        return String(out)
    }

    /// `field(_:)` for files people open in a spreadsheet: a value starting with `=`, `+`, `@`, or `-` when it
    /// is not a number, is prefixed with an apostrophe so it is not run as a formula. The first code point
    /// decides, not the first Character (`=` followed by a combining mark is still a formula to Excel).
    public static func spreadsheetField(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+@".unicodeScalars.contains(first) || (first == "-" && Double(text) == nil) {
            text = "'" + text
        }
        return field(text)
    }
}
