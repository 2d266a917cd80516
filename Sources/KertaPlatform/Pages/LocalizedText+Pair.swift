import KertaCore

extension LocalizedText {
    /// Reference data written as "Indonesian / English" (the categories' extra questions and their
    /// choices): each language gets its own half; text without the separator serves both.
    package init(pair text: String) {
        let parts = text.components(separatedBy: " / ").map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty {
            self.init(id: parts[0], en: parts[1...].joined(separator: " / "))
        } else {
            self.init(id: text, en: text)
        }
    }
}
