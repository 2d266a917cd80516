import Fluent
import Vapor

/// All categories and agencies by code. Open311 answers and complaint pages name them on every request;
/// reading ~60 category rows each time was a third of the cost of `GET /open311/v2/requests/{id}`.
struct ReferenceCatalog: Sendable {
    let categories: [String: Category]
    let agencies: [String: Agency]
    /// Admins' routing overrides: agency by "CATEGORY|KECAMATAN".
    let overrides: [String: String]

    func override(category: String, kecamatan: String) -> String? {
        overrides["\(category)|\(kecamatan)"]
    }

    static func load(on db: any Database) async throws -> ReferenceCatalog {
        let categories = try await Category.query(on: db).all()
        let agencies = try await Agency.query(on: db).all()
        let overrides = try await RoutingOverride.query(on: db).all()
        return ReferenceCatalog(categories: Dictionary(uniqueKeysWithValues: categories.compactMap { c in c.id.map { ($0, c) } }),
                                agencies: Dictionary(uniqueKeysWithValues: agencies.compactMap { a in a.id.map { ($0, a) } }),
                                overrides: Dictionary(overrides.map { ("\($0.categoryCode)|\($0.kecamatanCode)", $0.agencyCode) }) { a, _ in a })
    }
}
