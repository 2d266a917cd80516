import Foundation
import KertaCore
import KertaPlatform

/// One category's extra questions on the report form — the Open311 service attributes the JSON API and
/// Open311 accept — with labels and choices in the page's language, what was typed, and each error beside
/// its question. Without JavaScript every category's set is on the page (or only the chosen one's, once a
/// category was chosen) and the server files the chosen category's answers; the script shows only the
/// chosen category's set and disables the others, so they are not sent.
package struct QuestionSet: Encodable {
    package struct Choice: Encodable {
        package let id: String
        package let key: String
        package let label: String
        package let checked: Bool
    }

    package struct Question: Encodable {
        package let id: String
        package let code: String
        /// `attribute[CATEGORY][code]`, with `[]` for several choices (see `ReportAnswers`).
        package let name: String
        package let label: String
        package let hint: String
        /// The attribute's datatype (`ServiceAttribute.Datatype`), or `info` for text with no answer.
        package let kind: String
        package let required: Bool
        package let value: String
        package let choices: [Choice]
        package let error: String?
    }

    package let category: String
    package let categoryName: String
    package let shown: Bool
    package let questions: [Question]

    /// Field names of errors on a question: what the complaint service names them.
    package static func errorField(_ code: String) -> String { "attribute[\(code)]" }

    package static func all(categories: [Category], attributes: [String: [ServiceAttribute]], chosen: String?, answers: ReportAnswers,
                    errors: [String: String], language: Language) -> [QuestionSet] {
        let catalogue = Catalogue.shared
        return categories.compactMap { category -> QuestionSet? in
            guard let code = category.id, let asked = attributes[code], !asked.isEmpty else { return nil }
            let isChosen = code == chosen
            let questions = asked.sorted { $0.order < $1.order }.map { a -> Question in
                let id = "q-\(code)-\(a.code)"
                let label = LocalizedText(pair: a.description).text(language)
                let typed = answers.typed(code, a.code)
                let error = isChosen ? errors[errorField(a.code)].map { Self.naming(a.code, label, in: $0) } : nil
                let choices = a.values.map { v in
                    Choice(id: "\(id)-\(v.key)", key: v.key, label: LocalizedText(pair: v.name).text(language), checked: typed.contains(v.key))
                }
                let hint = a.variable ? catalogue.strings[language.rawValue]?["question_hint_\(a.datatype.rawValue)"] ?? "" : ""
                return Question(id: id, code: a.code, name: "attribute[\(code)][\(a.code)]" + (a.datatype == .multivaluelist ? "[]" : ""),
                                label: label, hint: hint, kind: a.variable ? a.datatype.rawValue : "info", required: a.variable && a.required,
                                value: typed.first ?? "", choices: choices, error: error)
            }
            return QuestionSet(category: code, categoryName: language == .english ? category.nameEN : category.nameID,
                               shown: chosen == nil || chosen?.isEmpty == true || isChosen, questions: questions)
        }
    }

    /// The service's messages name a question by its code ("ukuran_lubang wajib diisi"); people read its label.
    package static func naming(_ code: String, _ label: String, in message: String) -> String {
        let pattern = "\\b" + NSRegularExpression.escapedPattern(for: code) + "\\b"
        return message.replacingOccurrences(of: pattern, with: "«\(label)»", options: .regularExpression)
    }
}
