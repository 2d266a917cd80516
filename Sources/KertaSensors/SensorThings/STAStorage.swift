import KertaCore

/// How each SensorThings entity is kept: its table, the fields a client writes and reads, and how its
/// relations are joined. The query language's schema (``STASchema``) says what may be asked of an entity;
/// this says how it is stored and written.
struct STAStorage: Sendable {
    enum Kind: Sendable, Equatable {
        case text
        /// Any JSON value, kept as its text (`properties`, `parameters`, `unitOfMeasurement`, `metadata`).
        case json
        /// GeoJSON as posted, with its bare geometry beside it in `geom` for the geo functions.
        case geometry
        case time
        /// A time or an interval (`start/end`); the end column is NULL for an instant.
        case interval(end: String)
        /// An Observation's result: any JSON, with its number beside it for comparisons and order.
        case result
    }

    struct Field: Sendable {
        let name: String
        let column: String
        let kind: Kind
        let required: Bool
        /// Read-only fields the server keeps (a Datastream's phenomenonTime, from its observations).
        var serverKept = false
    }

    enum Shape: Sendable, Equatable {
        /// The key to the other entity is a column of this one.
        case toOne(column: String)
        /// The other entity's rows hold this one's key.
        case toMany(column: String)
        case manyToMany(table: String, selfColumn: String, otherColumn: String)
    }

    /// A navigation as the writer follows it (from the query schema's ``STANavigation``).
    struct Link: Sendable {
        let navigation: STANavigation
        var name: String { navigation.name }
        var target: STAEntityType { navigation.target }
        var owner: STAEntityType { navigation.source }
        var shape: Shape {
            switch navigation.join {
            case .sourceColumn(let column): .toOne(column: column)
            case .targetColumn(let column): .toMany(column: column)
            case .linkTable(let table, let source, let target): .manyToMany(table: table, selfColumn: source, otherColumn: target)
            }
        }
        /// The links an entity cannot be made without.
        var required: Bool {
            switch (owner, name) {
            case (.historicalLocation, "Thing"), (.datastream, "Thing"), (.datastream, "Sensor"), (.datastream, "ObservedProperty"),
                 (.observation, "Datastream"): true
            default: false
            }
        }
        var isToMany: Bool { navigation.toMany }
    }

    let entity: STAEntityType
    let table: String
    let fields: [Field]
    let links: [Link]

    init(entity: STAEntityType, fields: [Field]) {
        self.entity = entity
        table = entity.table
        self.fields = fields
        links = entity.navigations.map(Link.init)
    }

    func link(_ name: String) -> Link? { links.first { $0.name == name } }
    func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    static func of(_ entity: STAEntityType) -> STAStorage {
        switch entity {
        case .thing: thing
        case .location: location
        case .historicalLocation: historicalLocation
        case .datastream: datastream
        case .sensor: sensor
        case .observedProperty: observedProperty
        case .observation: observation
        case .featureOfInterest: featureOfInterest
        }
    }

    private static func text(_ name: String, _ column: String? = nil, required: Bool = true) -> Field {
        Field(name: name, column: column ?? name, kind: .text, required: required)
    }
    private static func json(_ name: String, _ column: String, required: Bool = false) -> Field {
        Field(name: name, column: column, kind: .json, required: required)
    }

    static let thing = STAStorage(entity: .thing, fields: [
        text("name"), text("description"), json("properties", "properties"),
    ])

    static let location = STAStorage(entity: .location, fields: [
        text("name"), text("description"), text("encodingType", "encoding_type"),
        Field(name: "location", column: "location", kind: .geometry, required: true), json("properties", "properties"),
    ])

    static let historicalLocation = STAStorage(entity: .historicalLocation, fields: [
        Field(name: "time", column: "time", kind: .time, required: true),
    ])

    static let sensor = STAStorage(entity: .sensor, fields: [
        text("name"), text("description"), text("encodingType", "encoding_type"), json("metadata", "metadata", required: true),
        json("properties", "properties"),
    ])

    static let observedProperty = STAStorage(entity: .observedProperty, fields: [
        text("name"), text("definition"), text("description"), json("properties", "properties"),
    ])

    static let datastream = STAStorage(entity: .datastream, fields: [
        text("name"), text("description"), text("observationType", "observation_type"),
        json("unitOfMeasurement", "unit_of_measurement", required: true),
        Field(name: "observedArea", column: "observed_area", kind: .json, required: false, serverKept: true),
        Field(name: "phenomenonTime", column: "phenomenon_time_start", kind: .interval(end: "phenomenon_time_end"), required: false, serverKept: true),
        Field(name: "resultTime", column: "result_time_start", kind: .interval(end: "result_time_end"), required: false, serverKept: true),
        json("properties", "properties"),
    ])

    static let observation = STAStorage(entity: .observation, fields: [
        Field(name: "phenomenonTime", column: "phenomenon_time_start", kind: .interval(end: "phenomenon_time_end"), required: false),
        Field(name: "resultTime", column: "result_time", kind: .time, required: false),
        Field(name: "result", column: "result", kind: .result, required: true),
        json("resultQuality", "result_quality"),
        Field(name: "validTime", column: "valid_time_start", kind: .interval(end: "valid_time_end"), required: false),
        json("parameters", "parameters"),
    ])

    static let featureOfInterest = STAStorage(entity: .featureOfInterest, fields: [
        text("name"), text("description"), text("encodingType", "encoding_type"),
        Field(name: "feature", column: "feature", kind: .geometry, required: true), json("properties", "properties"),
    ])
}
