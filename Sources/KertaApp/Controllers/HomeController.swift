import Fluent
import Vapor

/// The front page a person reaches first.
struct HomeController: RouteCollection {
    struct Context: Encodable {
        let city: String
        let categories: Int
        let agencies: Int
        let desa: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    @Sendable func home(req: Request) async throws -> View {
        let context = Context(
            city: "Kota Denpasar",
            categories: try await Category.query(on: req.db).filter(\.$active == true).count(),
            agencies: try await Agency.query(on: req.db).filter(\.$intake == "yes").count(),
            desa: try await Area.query(on: req.db).filter(\.$level == "desa").count()
        )
        return try await req.view.render("home", context)
    }
}
