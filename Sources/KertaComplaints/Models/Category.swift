import Foundation
import Fluent
import KertaCore
import KertaPlatform

/// A kind of complaint, which decides the responsible agency and how fast it must be resolved.
package final class Category: Model, @unchecked Sendable {
    package static let schema = "categories"

    @ID(custom: "code", generatedBy: .user) package var id: String?

    // Names, in Indonesian and English
    @Field(key: "group_id") package var groupID: String
    @Field(key: "group_en") package var groupEN: String
    @Field(key: "name_id") package var nameID: String
    @Field(key: "name_en") package var nameEN: String

    // Routing and urgency
    @Parent(key: "agency_code") package var agency: Agency
    @OptionalParent(key: "secondary_agency_code") package var secondaryAgency: Agency?
    @Field(key: "priority") package var priority: Priority
    @Field(key: "emergency_112") package var emergency112: String
    @Field(key: "active") package var active: Bool
    /// Set when an admin edits the category; from then on the admin's version stands over the reference file.
    @OptionalField(key: "edited_at") package var editedAt: Date?

    package init() {}

    package init(record: CategoryRecord) {
        id = record.code
        apply(record)
        active = true
    }

    /// Brings reference fields up to date. Routing fields are the city's defaults; per-kecamatan
    /// overrides live apart, so a reseed does not undo an admin's routing.
    package func apply(_ record: CategoryRecord) {
        groupID = record.groupID
        groupEN = record.groupEN
        nameID = record.nameID
        nameEN = record.nameEN
        $agency.id = record.agencyCode
        $secondaryAgency.id = record.secondaryAgencyCode
        priority = record.priority
        emergency112 = record.emergency112
    }
}
