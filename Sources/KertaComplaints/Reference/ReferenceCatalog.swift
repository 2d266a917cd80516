import Fluent
import Vapor
import KertaPlatform

/// All categories and agencies by code. Open311 answers and complaint pages name them on every request;
/// reading ~60 category rows each time was a third of the cost of `GET /open311/v2/requests/{id}`.
package struct ReferenceCatalog: Sendable {
    package let categories: [String: Category]
    package let agencies: [String: Agency]
    /// Admins' routing overrides: agency by "CATEGORY|KECAMATAN".
    package let overrides: [String: String]

    package func override(category: String, kecamatan: String) -> String? {
        overrides["\(category)|\(kecamatan)"]
    }

    package static func load(on db: any Database) async throws -> ReferenceCatalog {
        let categories = try await Category.query(on: db).all()
        let agencies = try await Agency.query(on: db).all()
        let overrides = try await RoutingOverride.query(on: db).all()
        return ReferenceCatalog(categories: Dictionary(uniqueKeysWithValues: categories.compactMap { c in c.id.map { ($0, c) } }),
                                agencies: Dictionary(uniqueKeysWithValues: agencies.compactMap { a in a.id.map { ($0, a) } }),
                                overrides: Dictionary(overrides.map { ("\($0.categoryCode)|\($0.kecamatanCode)", $0.agencyCode) }) { a, _ in a })
    }
}
