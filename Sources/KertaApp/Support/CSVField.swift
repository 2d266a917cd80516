/// CSV quoting (RFC 4180), and a guard against spreadsheet formula injection: a cell starting with
/// `=`, `+`, `-` or `@` is prefixed with an apostrophe, as the open-data portal's users open exports in Excel.
enum CSVField {
    static func escape(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+@".contains(first) || (first == "-" && Double(text) == nil) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
