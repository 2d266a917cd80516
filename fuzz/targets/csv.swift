// libFuzzer target: CSVTable (RFC 4180) and the reference-data readers built on it (agencies, categories,
// holidays, category attributes), with what the server then does with their results: the working-day
// calendar from the holidays and the attribute checks. Invariant: a table written back as CSV (every field
// quoted) reads back the same.
import Foundation
@testable import KertaCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: input(data, size), as: UTF8.self)
    guard let table = try? CSVTable(text: text) else { return 0 }
    // Written back with CSVTable.field (quoted only when needed), then every field quoted: both read the same.
    for write in [CSVTable.field, { "\"" + String(String.UnicodeScalarView($0.unicodeScalars.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] })) + "\"" }] {
        let written = ([table.header] + table.rows).map { row in row.map(write).joined(separator: ",") }.joined(separator: "\n")
        if written.isEmpty { continue } // a header of one empty name, written unquoted, is no text at all
        guard let reread = try? CSVTable(text: written) else { fail("a table written back as CSV does not read: \(written.debugDescription)") }
        require(reread.header == table.header && reread.rows == table.rows,
                "a table written back as CSV reads differently: \(written.debugDescription)")
    }
    for value in table.header + (table.rows.first ?? []) {
        let safe = CSVTable.spreadsheetField(value)
        let cell = try? CSVTable(text: "h\n" + safe + ",").rows.first?.first
        require(cell == value || cell == "'" + value, "spreadsheetField(\(value.debugDescription)) reads back as \(String(describing: cell))")
        if let first = cell?.unicodeScalars.first { require(!"=+@".unicodeScalars.contains(first), "spreadsheetField left a formula: \(safe.debugDescription)") }
    }
    _ = try? table.records(requiring: Array(table.header.prefix(2)))

    if let agencies = try? ReferenceData.parseAgencies(text) {
        _ = try? ReferenceData.parseCategories(text, agencyCodes: Set(agencies.map(\.code)))
    }
    _ = try? ReferenceData.parseCategories(text, agencyCodes: Set(referenceData.agencies.map(\.code)))
    if let holidays = try? ReferenceData.parseHolidays(text) {
        let calendar = WorkingDayCalendar(holidays: holidays)
        let start = holidays.first?.date.startInstant() ?? Date(timeIntervalSince1970: 1_780_000_000)
        _ = calendar.adding(workingDays: 5, to: start)
    }
    let categoryCodes = Set(((try? table.records(requiring: ["category_code"])) ?? []).compactMap { $0["category_code"] })
    if let attributes = try? ReferenceData.parseAttributes(text, categoryCodes: categoryCodes) {
        for (_, questions) in Dictionary(grouping: attributes, by: \.categoryCode) {
            var answers: [String: [String]] = [:]
            for question in questions { answers[question.code] = question.values.first.map { [$0.key] } ?? ["1"] }
            _ = try? ServiceAttribute.validate(answers, against: questions)
        }
    }
    return 0
}
