/// A property reached from the entity a query is about, through to-one navigations and into JSON members:
/// `Datastream/Thing/name`, `properties/owner/name`, `result`.
public struct STAPropertyPath: Sendable, Hashable {
    /// The navigations followed, in order; the parser only lets to-one navigations in.
    public let navigations: [STANavigation]
    public let property: STAProperty
    /// Members inside a JSON property (`owner`, `name` of `properties/owner/name`).
    public let members: [String]

    public init(navigations: [STANavigation] = [], property: STAProperty, members: [String] = []) {
        self.navigations = navigations
        self.property = property
        self.members = members
    }

    /// As a client would write it again.
    public var text: String {
        (navigations.map(\.name) + [property.name] + members).joined(separator: "/")
    }
}
