import Vapor

/// A text in Indonesian (`id`, the default) and English (`en`).
struct LocalizedText: Content, Equatable {
    let id: String
    let en: String
}
