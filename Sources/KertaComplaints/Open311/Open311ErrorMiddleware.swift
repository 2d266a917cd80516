import KertaCore
import Vapor
import KertaPlatform

/// Inside `/open311/v2`, errors leave as GeoReport error lists in the format the path asks for (XML when
/// it names none, as XML is the specification's required format).
package struct Open311ErrorMiddleware: AsyncMiddleware {
    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let last = request.url.path.split(separator: "/").last.map(String.init) ?? ""
            let format = Open311Format.split(last)?.format ?? .xml
            let open311 = Open311Error.from(error, language: request.language)
            if open311.status == .internalServerError { request.logger.report(error: error) }
            let response = format.response(open311.node, root: "errors", status: open311.status)
            for (name, value) in open311.headers { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        }
    }
}
