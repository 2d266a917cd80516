import Fluent
import Foundation

/// An admin's choice that a category's complaints in one kecamatan go to another agency than the
/// category's default (e.g. a district-run market instead of the city's trade office).
final class RoutingOverride: Model, @unchecked Sendable {
    static let schema = "routing_overrides"

    @ID(key: .id) var id: UUID?
    @Field(key: "category_code") var categoryCode: String
    @Field(key: "kecamatan_code") var kecamatanCode: String
    @Field(key: "agency_code") var agencyCode: String

    init() {}

    init(categoryCode: String, kecamatanCode: String, agencyCode: String) {
        self.id = UUID()
        self.categoryCode = categoryCode
        self.kecamatanCode = kecamatanCode
        self.agencyCode = agencyCode
    }
}
