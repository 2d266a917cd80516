import KertaPlatform
import KertaCore

/// A code as a page uses it: `code` stays in URLs, classes, option values and data attributes, `name`
/// (in the page's language) is what people read.
package struct NamedCode: Encodable, Sendable, Equatable {
    package let code: String
    package let name: String

    package static func status(_ raw: String, _ language: Language) -> NamedCode {
        NamedCode(code: raw, name: ComplaintStatus(rawValue: raw).map { Catalogue.shared.status($0, language) } ?? raw)
    }

    package static func visibility(_ raw: String, _ language: Language) -> NamedCode {
        NamedCode(code: raw, name: ComplaintVisibility(rawValue: raw).map { Catalogue.shared.visibility($0, language) } ?? raw)
    }

    package static func priority(_ raw: String, _ language: Language) -> NamedCode {
        NamedCode(code: raw, name: Priority(rawValue: raw).map { Catalogue.shared.priority($0, language) } ?? raw)
    }

    package static func role(_ raw: String, _ language: Language) -> NamedCode {
        NamedCode(code: raw, name: Role(rawValue: raw).map { Catalogue.shared.role($0, language) } ?? raw)
    }

    /// A category by its name in the language (the reference data's own names).
    package static func category(_ code: String, _ catalog: ReferenceCatalog, _ language: Language) -> NamedCode {
        guard let category = catalog.categories[code] else { return NamedCode(code: code, name: Catalogue.shared.text("category_unknown", language)) }
        return NamedCode(code: code, name: language == .english ? category.nameEN : category.nameID)
    }

    /// An agency by its short name (PUPR, DLHK: what residents call them) and full name in the language.
    package static func agency(_ code: String?, _ catalog: ReferenceCatalog, _ language: Language) -> NamedCode? {
        guard let code else { return nil }
        guard let agency = catalog.agencies[code] else { return NamedCode(code: code, name: code) }
        return NamedCode(code: code, name: language == .english ? agency.nameEN : agency.nameID)
    }
}
