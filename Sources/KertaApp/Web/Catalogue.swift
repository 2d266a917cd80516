import Foundation
import KertaCore

/// Every string of the web pages, in Indonesian and English (`Resources/Localization/strings.json`).
struct Catalogue: Sendable {
    let strings: [String: [String: String]]

    static let shared: Catalogue = {
        guard let url = Bundle.module.url(forResource: "strings", withExtension: "json", subdirectory: "Localization"),
              let data = try? Data(contentsOf: url),
              let strings = try? JSONDecoder().decode([String: [String: String]].self, from: data) else {
            return Catalogue(strings: [:])
        }
        return Catalogue(strings: strings)
    }()

    func table(_ language: Language) -> [String: String] {
        strings[language.rawValue] ?? [:]
    }
}
