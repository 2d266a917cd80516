/// A navigation property: a link from one entity to others (`Thing/Datastreams`, `Observation/Datastream`).
public struct STANavigation: Sendable, Hashable {
    public let name: String
    public let source: STAEntityType
    public let target: STAEntityType
    public let toMany: Bool
    public let join: STAJoin

    public init(_ name: String, from source: STAEntityType, to target: STAEntityType, toMany: Bool, join: STAJoin) {
        self.name = name
        self.source = source
        self.target = target
        self.toMany = toMany
        self.join = join
    }

    /// A SQL condition true when the row `target` (aliasing the target's table) is linked to the row `source`
    /// (aliasing the source's table). The aliases are the caller's own words and must be plain identifiers;
    /// everything else comes from the schema, so the text carries nothing a client wrote.
    public func condition(source: String, target: String) -> String {
        switch join {
        case .sourceColumn(let column):
            return "\(target).id = \(source).\(column)"
        case .targetColumn(let column):
            return "\(target).\(column) = \(source).id"
        case .linkTable(let table, let sourceColumn, let targetColumn):
            let link = "\(source)_\(target)_link"
            return "EXISTS (SELECT 1 FROM \(table) \(link) WHERE \(link).\(sourceColumn) = \(source).id AND \(link).\(targetColumn) = \(target).id)"
        }
    }
}
