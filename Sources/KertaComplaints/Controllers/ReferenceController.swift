import Fluent
import Vapor
import KertaPlatform

/// The reference lists clients build their forms from: categories and agencies.
package struct ReferenceController: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        routes.get("categories", use: categories)
        routes.get("agencies", use: agencies)
    }

    /// `GET /api/v1/categories?group=`: active categories, grouped order, with their routing and urgency.
    @Sendable package func categories(req: Request) async throws -> [CategoryDTO] {
        var query = Category.query(on: req.db).filter(\.$active == true).sort(\.$groupID).sort(\.$id)
        if let group = req.queryText("group") {
            query = query.group(.or) { $0.filter(\.$groupID == group).filter(\.$groupEN == group) }
        }
        return try await query.all().map(CategoryDTO.init)
    }

    /// `GET /api/v1/agencies?intake=yes|referral|no`: agencies and outside bodies.
    @Sendable package func agencies(req: Request) async throws -> [AgencyDTO] {
        var query = Agency.query(on: req.db).filter(\.$active == true).sort(\.$id)
        if let intake = req.queryText("intake") {
            guard ["yes", "no", "referral"].contains(intake) else {
                throw APIError.invalid(field: "intake", "intake must be yes, no or referral, not \"\(intake)\"")
            }
            query = query.filter(\.$intake == intake)
        }
        return try await query.all().map(AgencyDTO.init)
    }
}
