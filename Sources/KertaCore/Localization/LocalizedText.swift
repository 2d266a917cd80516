/// A sentence in Indonesian, the city's first language, and in English for visitors.
public struct LocalizedText: Sendable, Equatable, Hashable, Codable {
    public let id: String
    public let en: String

    public init(id: String, en: String) {
        self.id = id
        self.en = en
    }

    public func text(_ language: Language) -> String { language == .english ? en : id }
}
