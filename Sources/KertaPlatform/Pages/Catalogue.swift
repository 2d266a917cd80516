import Foundation
import KertaCore

/// Every string of the web pages, in Indonesian and English (`Resources/Localization/strings.json`),
/// and the names people read for the codes Kerta keeps (statuses, visibility, priorities, roles, the
/// audit trail's actions): pages show these words, never the codes.
package struct Catalogue: Sendable {
    package let strings: [String: [String: String]]

    package static let shared: Catalogue = {
        guard let url = Bundle.module.url(forResource: "strings", withExtension: "json", subdirectory: "Localization"),
              let data = try? Data(contentsOf: url),
              let strings = try? JSONDecoder().decode([String: [String: String]].self, from: data) else {
            return Catalogue(strings: [:])
        }
        return Catalogue(strings: strings)
    }()

    package func table(_ language: Language) -> [String: String] {
        strings[language.rawValue] ?? [:]
    }

    /// One entry in the language; Indonesian when the English one is missing, so a page never shows a key
    /// where a word belongs unless both are missing.
    package func text(_ key: String, _ language: Language) -> String {
        strings[language.rawValue]?[key] ?? strings[Language.indonesian.rawValue]?[key] ?? key
    }

    /// An entry with `{name}` placeholders filled in.
    package func text(_ key: String, _ language: Language, _ values: [String: String]) -> String {
        values.reduce(text(key, language)) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }

    package func status(_ status: ComplaintStatus, _ language: Language) -> String { status.label.text(language) }

    package func visibility(_ visibility: ComplaintVisibility, _ language: Language) -> String { text("vis_\(visibility.rawValue)", language) }

    package func priority(_ priority: Priority, _ language: Language) -> String { text("priority_\(priority.rawValue)", language) }

    package func role(_ role: Role, _ language: Language) -> String { text("role_\(role.rawValue)", language) }

    /// What an entry of the audit trail records (``ComplaintAuditAction`` raw values).
    package func historyAction(_ action: String, _ language: Language) -> String {
        strings[language.rawValue]?["history_\(action)"] ?? text("history_other", language)
    }
}
