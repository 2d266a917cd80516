import LeafKit

/// `#path("complaint", c.ticket)`: a link written from its ``SitePath``. An unknown name or a wrong
/// number of values fails the render, so a page test catches a link to nowhere.
package struct PathTag: LeafTag {
    private let paths: [String: SitePath]

    package init(_ paths: [SitePath]) {
        self.paths = Dictionary(paths.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    package func render(_ ctx: LeafContext) throws -> LeafData {
        .string(try link(ctx.parameters.first?.string ?? "", ctx.parameters.dropFirst().map { $0.string ?? "" }))
    }

    package func link(_ name: String, _ values: [String]) throws -> String {
        guard let path = paths[name] else { throw LeafError(.unknownError("#path: no page is named \(name)")) }
        guard values.count == path.parameterCount else {
            throw LeafError(.unknownError("#path(\"\(name)\"): \(path.parameterCount) values needed, \(values.count) given"))
        }
        return path.link(values)
    }
}
