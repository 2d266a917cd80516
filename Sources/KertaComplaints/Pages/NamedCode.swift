import KertaPlatform
import KertaCore

/// A code as a page uses it: `code` stays in URLs, classes, option values and data attributes, `name`
/// (in the page's language) is what people read.
package struct NamedCode: Encodable, Sendable, Equatable {
    package let code: String
    package let name: String

    package static func status(_ status: ComplaintStatus, _ language: Language) -> NamedCode {
        NamedCode(code: status.rawValue, name: Catalogue.shared.status(status, language))
    }

    package static func visibility(_ visibility: ComplaintVisibility, _ language: Language) -> NamedCode {
        NamedCode(code: visibility.rawValue, name: Catalogue.shared.visibility(visibility, language))
    }

    package static func priority(_ priority: Priority, _ language: Language) -> NamedCode {
        NamedCode(code: priority.rawValue, name: Catalogue.shared.priority(priority, language))
    }

    package static func role(_ role: Role, _ language: Language) -> NamedCode {
        NamedCode(code: role.rawValue, name: Catalogue.shared.role(role, language))
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
