import Vapor
import KertaCore
import KertaPlatform

/// A complaint category as clients see it.
package struct CategoryDTO: Content {
    package let code: String
    package let group: LocalizedText
    package let name: LocalizedText
    package let agency: String
    package let secondary_agency: String?
    package let priority: Priority
    package let resolution_working_days: Int?
    package let emergency_112: String

    package init(_ c: Category) {
        code = c.id ?? ""
        group = .init(id: c.groupID, en: c.groupEN)
        name = .init(id: c.nameID, en: c.nameEN)
        agency = c.$agency.id
        secondary_agency = c.$secondaryAgency.id
        priority = c.priority
        resolution_working_days = c.priority.resolutionWorkingDays
        emergency_112 = c.emergency112
    }
}
