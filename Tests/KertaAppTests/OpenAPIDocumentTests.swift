import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import Testing
import Vapor

/// The OpenAPI document is written by hand; this keeps it from drifting away from the routes table.
@Suite struct OpenAPIDocumentTests {
    @Test func everyAPIRouteIsInTheServedDocumentAndEveryDocumentedOneExists() async throws {
        try await withKerta { app in
            var document: [String: Any] = [:]
            try await app.testing().test(.GET, "/api/v1/openapi.json") { res in
                #expect(res.status == .ok)
                document = try #require(try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any])
            }
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let methods: Set<String> = ["get", "post", "put", "patch", "delete"]
            let documented = Set(paths.flatMap { path, operations in
                operations.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
            })
            let served = Set(app.routes.all.compactMap { route -> String? in
                let parts = route.path.map { component -> String in
                    switch component {
                    case .constant(let text): text
                    case .parameter(let name): "{\(name)}"
                    case .anything: "*"
                    case .catchall: "**"
                    }
                }
                guard parts.starts(with: ["api", "v1"]), route.method != .HEAD, route.method != .OPTIONS else { return nil }
                return "\(route.method.rawValue) /" + parts.joined(separator: "/")
            })
            #expect(served.subtracting(documented).sorted() == [], "routes missing from openapi.json")
            #expect(documented.subtracting(served).sorted() == [], "documented operations no route serves")
            // Every operation says what it answers, and every path parameter is described.
            for (path, operations) in paths {
                for (method, value) in operations where methods.contains(method) {
                    let operation = try #require(value as? [String: Any])
                    #expect((operation["responses"] as? [String: Any])?.isEmpty == false, "\(method) \(path) has no responses")
                    let names = Set(((operation["parameters"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
                        + ((operations["parameters"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
                    for match in path.matches(of: /\{([a-z_]+)\}/) {
                        #expect(names.contains(String(match.1)), "\(method) \(path) does not describe {\(match.1)}")
                    }
                }
            }
        }
    }
}
