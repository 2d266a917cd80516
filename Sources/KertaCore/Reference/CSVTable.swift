import Foundation

/// A CSV file read by its header, per RFC 4180 (quoted fields, doubled quotes, CRLF or LF).
///
/// The reference data ships as CSV so that clerks can edit it in a spreadsheet; this reader is the
/// one place that understands the format.
public struct CSVTable: Sendable {
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case empty
        case unterminatedQuote(line: Int)
        case missingColumn(String)

        public var description: String {
            switch self {
            case .empty: "the CSV file has no header row"
            case .unterminatedQuote(let line): "a quoted field starting on line \(line) never ends"
            case .missingColumn(let name): "the CSV file has no column \"\(name)\""
            }
        }
    }

    public let header: [String]
    public let rows: [[String]]

    public init(text: String) throws {
        var records = try Self.parse(text)
        guard !records.isEmpty else { throw Error.empty }
        header = records.removeFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        rows = records.filter { !($0.count == 1 && $0[0].isEmpty) }
    }

    /// The rows as dictionaries keyed by column name, after checking the required columns exist.
    public func records(requiring columns: [String]) throws -> [[String: String]] {
        for column in columns where !header.contains(column) {
            throw Error.missingColumn(column)
        }
        return rows.map { row in
            var record: [String: String] = [:]
            for (index, name) in header.enumerated() {
                record[name] = index < row.count ? row[index] : ""
            }
            return record
        }
    }

    private static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        // A quoted field exists even when empty: a last line of just `""` is a record (fuzz/targets/csv).
        var fieldQuoted = false
        var inQuotes = false
        var quoteLine = 0
        var line = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    let following = next()
                    if following == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        inQuotes = false
                        pending = following
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                inQuotes = true
                fieldQuoted = true
                quoteLine = line
            case ",":
                record.append(field)
                field = ""
                fieldQuoted = false
            case "\r":
                break
            case "\n":
                line += 1
                record.append(field)
                records.append(record)
                record = []
                field = ""
                fieldQuoted = false
            default:
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw Error.unterminatedQuote(line: quoteLine) }
        if !field.isEmpty || fieldQuoted || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
