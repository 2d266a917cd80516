import Foundation
import Vapor

/// `/vendor/leaflet/…` and `/vendor/chart.js/…`: Debian's packaged copies of Leaflet and Chart.js,
/// served by Kerta itself (no CDN, no npm). Only those two folders, and no path may climb out of them.
package struct VendorController: RouteCollection {
    package let directory: String

    package init(directory: String) {
        self.directory = directory
    }
    package static let packages: Set<String> = ["leaflet", "chart.js"]

    package func boot(routes: any RoutesBuilder) throws {
        routes.get("vendor", ":package", "**", use: file)
    }

    @Sendable package func file(req: Request) async throws -> Response {
        let package = try req.parameters.require("package")
        let rest = req.parameters.getCatchall()
        guard Self.packages.contains(package), !rest.isEmpty, !rest.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else {
            throw Abort(.notFound)
        }
        let path = ([directory, package] + rest).joined(separator: "/")
        guard FileManager.default.fileExists(atPath: path) else { throw Abort(.notFound) }
        let response = try await req.fileio.asyncStreamFile(at: path)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=604800")
        return response
    }
}
