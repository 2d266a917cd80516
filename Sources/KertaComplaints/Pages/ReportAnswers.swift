import Foundation
import KertaCore
import Vapor
import KertaPlatform

/// The answers to the categories' extra questions as the report form posts them:
/// `attribute[CATEGORY][code]`, and `attribute[CATEGORY][code][]` for several choices. Each category's
/// questions carry its code, so that without JavaScript (every category's questions on the page) two
/// categories asking a question of the same code never mix; only the chosen category's answers are filed.
package struct ReportAnswers: Sendable {
    /// By category, then by question code; as typed (kept when the page comes back with errors).
    private(set) var byCategory: [String: [String: [String]]] = [:]

    package init(fields: [String: [String]]) {
        for (key, values) in fields where key.hasPrefix("attribute[") {
            var rest = Substring(key.dropFirst("attribute[".count))
            if rest.hasSuffix("[]") { rest = rest.dropLast(2) }
            guard rest.hasSuffix("]"), let split = rest.range(of: "][") else { continue }
            let category = String(rest[..<split.lowerBound]).uppercased()
            let code = String(rest[split.upperBound...].dropLast())
            guard !category.isEmpty, !code.isEmpty, !code.contains("[") else { continue }
            byCategory[category, default: [:]][code, default: []] += values
        }
    }

    /// Reads them from the posted body (url-encoded or multipart) beside the form's other fields.
    package static func read(_ req: Request) -> ReportAnswers {
        ReportAnswers(fields: (try? Open311Form.read(req).values) ?? [:])
    }

    package func typed(_ category: String, _ code: String) -> [String] {
        byCategory[category]?[code] ?? []
    }

    /// The chosen category's answers as the complaint service checks them: empty answers dropped, and a
    /// browser's date-and-time (`2026-11-23T09:00`, no seconds nor offset) read as WITA.
    package func filed(for category: String, questions: [ServiceAttribute]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (code, values) in byCategory[category] ?? [:] {
            let given = values.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            guard !given.isEmpty else { continue }
            let isDatetime = questions.first { $0.code == code }?.datatype == .datetime
            result[code] = isDatetime ? given.map(Self.witaTimestamp) : given
        }
        return result
    }

    package static func witaTimestamp(_ local: String) -> String {
        if local.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$"#, options: .regularExpression) != nil { return local + ":00+08:00" }
        if local.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$"#, options: .regularExpression) != nil { return local + "+08:00" }
        return local
    }
}
