import Vapor
import KertaCore

/// A complaint category as clients see it.
struct CategoryDTO: Content {
    let code: String
    let group: LocalizedText
    let name: LocalizedText
    let agency: String
    let secondary_agency: String?
    let priority: String
    let resolution_working_days: Int?
    let emergency_112: String

    init(_ c: Category) {
        code = c.id ?? ""
        group = .init(id: c.groupID, en: c.groupEN)
        name = .init(id: c.nameID, en: c.nameEN)
        agency = c.$agency.id
        secondary_agency = c.$secondaryAgency.id
        priority = c.priority
        resolution_working_days = Priority(rawValue: c.priority)?.resolutionWorkingDays
        emergency_112 = c.emergency112
    }
}
