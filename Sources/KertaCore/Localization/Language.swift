import Foundation

/// The languages Kerta speaks. Indonesian first; English for tourists and visitors.
public enum Language: String, Sendable, CaseIterable {
    case indonesian = "id"
    case english = "en"

    /// Picks from an `Accept-Language` header by the clients' own order of preference (q-values);
    /// Indonesian when the header is absent or names neither.
    public static func preferred(acceptLanguage header: String?) -> Language {
        guard let header, !header.isEmpty else { return .indonesian }
        var best: (Language, Double)? = nil
        for (position, part) in header.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased() else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            let language: Language? = switch primary { case "id", "in": .indonesian; case "en": .english; default: nil }
            guard let language else { continue }
            var quality = 1.0
            for piece in pieces.dropFirst() where piece.hasPrefix("q=") {
                quality = Double(piece.dropFirst(2)) ?? 0
            }
            // Earlier entries win ties, as browsers list the user's order.
            let score = quality - Double(position) * 1e-6
            if quality > 0, best == nil || score > best!.1 { best = (language, score) }
        }
        return best?.0 ?? .indonesian
    }
}
