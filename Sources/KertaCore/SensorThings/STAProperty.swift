/// One property of an entity as a client names it, and where Kerta stores it.
public struct STAProperty: Sendable, Hashable {
    /// The name of the key in every entity, as SensorThings writes it.
    public static let idName = "@iot.id"

    /// The STA name (`phenomenonTime`, `@iot.id`).
    public let name: String
    /// The column filters and ordering read: the start of an interval, `geom` for a location.
    public let column: String
    public let kind: STAPropertyKind
    /// The end of an interval, when the property is one.
    public let endColumn: String?
    /// The column the entity's representation is written from, when it is not ``column``
    /// (a Location's `location` is answered as posted, and filtered on its geometry).
    public let outputColumn: String

    public init(_ name: String, column: String, kind: STAPropertyKind, endColumn: String? = nil, outputColumn: String? = nil) {
        self.name = name
        self.column = column
        self.kind = kind
        self.endColumn = endColumn
        self.outputColumn = outputColumn ?? column
    }

    /// Members below it can be named in a path (`properties/owner`, `result/value`).
    public var hasMembers: Bool { kind == .json || kind == .result }
}
