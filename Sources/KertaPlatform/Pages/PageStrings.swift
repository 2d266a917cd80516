import KertaCore
import LeafKit

/// A language's strings for a page's layout (`#(t.key)`), made into Leaf's values once per language.
/// Leaf's encoder turned the whole table — every string of the site — into values again on every page view.
package struct PageStrings: Encodable, LeafDataRepresentable, Sendable {
    package let table: [String: String]
    package let leafData: LeafData

    package init(_ table: [String: String]) {
        self.table = table
        leafData = .dictionary(table.mapValues(LeafData.string))
    }

    package func encode(to encoder: any Encoder) throws {
        try table.encode(to: encoder)
    }

    package static let byLanguage: [Language: PageStrings] = Dictionary(uniqueKeysWithValues: Language.allCases.map {
        ($0, PageStrings(Catalogue.shared.table($0)))
    })
}
