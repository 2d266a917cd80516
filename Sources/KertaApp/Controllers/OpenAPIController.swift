import Foundation
import Vapor
import KertaPlatform
import KertaComplaints

/// `GET /api/v1/openapi.json` and `.yaml`: the OpenAPI 3 description of `/api/v1`, which the test
/// command checks against the running server with schemathesis. The YAML form is the same document:
/// JSON is valid YAML.
package struct OpenAPIController: RouteCollection {
    package let document: String

    package init() throws {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "OpenAPI") else {
            throw Abort(.internalServerError, reason: "the OpenAPI document is missing from this build")
        }
        document = try String(contentsOf: url, encoding: .utf8)
    }

    package func boot(routes: any RoutesBuilder) throws {
        routes.get("openapi.json") { _ in self.response("application/json; charset=utf-8") }
        routes.get("openapi.yaml") { _ in self.response("application/yaml; charset=utf-8") }
    }

    private func response(_ type: String) -> Response {
        let response = Response(status: .ok, body: .init(string: document))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }
}
