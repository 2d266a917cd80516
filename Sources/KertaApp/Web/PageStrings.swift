import KertaCore
import LeafKit

/// A language's strings for a page's layout (`#(t.key)`), made into Leaf's values once per language.
/// Leaf's encoder turned the whole table — every string of the site — into values again on every page view.
struct PageStrings: Encodable, LeafDataRepresentable, Sendable {
    let table: [String: String]
    let leafData: LeafData

    init(_ table: [String: String]) {
        self.table = table
        leafData = .dictionary(table.mapValues(LeafData.string))
    }

    func encode(to encoder: any Encoder) throws {
        try table.encode(to: encoder)
    }

    static let byLanguage: [Language: PageStrings] = Dictionary(uniqueKeysWithValues: Language.allCases.map {
        ($0, PageStrings(Catalogue.shared.table($0)))
    })
}
