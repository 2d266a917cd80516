import Fluent
import Foundation
import KertaPlatform

/// An admin's choice that a category's complaints in one kecamatan go to another agency than the
/// category's default (e.g. a district-run market instead of the city's trade office).
package final class RoutingOverride: Model, @unchecked Sendable {
    package static let schema = "routing_overrides"

    @ID(key: .id) package var id: UUID?
    @Field(key: "category_code") package var categoryCode: String
    @Field(key: "kecamatan_code") package var kecamatanCode: String
    @Field(key: "agency_code") package var agencyCode: String

    package init() {}

    package init(categoryCode: String, kecamatanCode: String, agencyCode: String) {
        self.id = UUID()
        self.categoryCode = categoryCode
        self.kecamatanCode = kecamatanCode
        self.agencyCode = agencyCode
    }
}
