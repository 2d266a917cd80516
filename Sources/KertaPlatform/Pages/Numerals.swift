import Foundation
import KertaCore

/// Numbers as people read them on the pages.
package enum Numerals {
    /// Five decimals of a degree are about a metre: all a map or a field visit needs (the database keeps
    /// the full value). A point, not a comma, so the pair can be pasted into any map application.
    package static func coordinate(_ degrees: Double) -> String {
        String(format: "%.5f", degrees)
    }

    /// A measure with at most one decimal, with the language's decimal mark (66,7 in Indonesian); a dash
    /// when there is nothing to measure yet.
    package static func decimal(_ value: Double?, _ language: Language) -> String {
        guard let value, value.isFinite else { return "—" }
        let text = value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
        return language == .english ? text : text.replacingOccurrences(of: ".", with: ",")
    }
}
