import Foundation

/// The eight entities of the OGC SensorThings API 1.1 sensing part (OGC 18-088), the names its URLs use
/// and the tables Kerta keeps them in.
public enum STAEntityType: String, CaseIterable, Sendable, Hashable {
    case thing, location, historicalLocation, datastream, sensor, observedProperty, observation, featureOfInterest

    /// The entity set's name in a resource path: `Things`, …, `FeaturesOfInterest`.
    public var setName: String {
        switch self {
        case .thing: "Things"
        case .location: "Locations"
        case .historicalLocation: "HistoricalLocations"
        case .datastream: "Datastreams"
        case .sensor: "Sensors"
        case .observedProperty: "ObservedProperties"
        case .observation: "Observations"
        case .featureOfInterest: "FeaturesOfInterest"
        }
    }

    /// The name of one entity, as a to-one navigation calls it (`Observation(1)/Datastream`).
    public var singularName: String {
        switch self {
        case .thing: "Thing"
        case .location: "Location"
        case .historicalLocation: "HistoricalLocation"
        case .datastream: "Datastream"
        case .sensor: "Sensor"
        case .observedProperty: "ObservedProperty"
        case .observation: "Observation"
        case .featureOfInterest: "FeatureOfInterest"
        }
    }

    /// Exact, as OData names are case-sensitive; `nil` for anything that is not an entity set.
    public init?(setName: String) {
        guard let type = Self.allCases.first(where: { $0.setName == setName }) else { return nil }
        self = type
    }

    public var table: String {
        switch self {
        case .thing: "sta_things"
        case .location: "sta_locations"
        case .historicalLocation: "sta_historical_locations"
        case .datastream: "sta_datastreams"
        case .sensor: "sta_sensors"
        case .observedProperty: "sta_observed_properties"
        case .observation: "sta_observations"
        case .featureOfInterest: "sta_features"
        }
    }

    public var properties: [STAProperty] { Self.propertyTable[self] ?? [] }

    public var navigations: [STANavigation] { Self.navigationTable[self] ?? [] }

    /// Built once: every path segment of every query looks names up here.
    private static let propertyTable = Dictionary(uniqueKeysWithValues: allCases.map { ($0, STASchema.properties(of: $0)) })
    private static let navigationTable = Dictionary(uniqueKeysWithValues: allCases.map { ($0, STASchema.navigations(of: $0)) })

    /// Accepts `id` for `@iot.id`, since `$filter=id eq 1` is how most clients write it.
    public func property(named name: String) -> STAProperty? {
        let wanted = name == "id" ? STAProperty.idName : name
        return properties.first { $0.name == wanted }
    }

    public func navigation(named name: String) -> STANavigation? {
        navigations.first { $0.name == name }
    }
}
