/// Kerta's SensorThings storage as the query language sees it: every property a client may name and the
/// column behind it, every navigation and its join. Only these names ever reach SQL text.
public enum STASchema {
    public static func properties(of entity: STAEntityType) -> [STAProperty] {
        let id = STAProperty(STAProperty.idName, column: "id", kind: .id)
        let name = STAProperty("name", column: "name", kind: .string)
        let description = STAProperty("description", column: "description", kind: .string)
        let properties = STAProperty("properties", column: "properties", kind: .json)
        let encodingType = STAProperty("encodingType", column: "encoding_type", kind: .encodingType)
        switch entity {
        case .thing:
            return [id, name, description, properties]
        case .location:
            return [id, name, description, encodingType,
                    STAProperty("location", column: "geom", kind: .geometry, outputColumn: "location"), properties]
        case .historicalLocation:
            return [id, STAProperty("time", column: "time", kind: .datetime)]
        case .datastream:
            return [id, name, description,
                    STAProperty("observationType", column: "observation_type", kind: .string),
                    STAProperty("unitOfMeasurement", column: "unit_of_measurement", kind: .json),
                    STAProperty("observedArea", column: "observed_area", kind: .geometry),
                    STAProperty("phenomenonTime", column: "phenomenon_time_start", kind: .interval, endColumn: "phenomenon_time_end"),
                    STAProperty("resultTime", column: "result_time_start", kind: .interval, endColumn: "result_time_end"),
                    properties]
        case .sensor:
            return [id, name, description, encodingType, STAProperty("metadata", column: "metadata", kind: .string), properties]
        case .observedProperty:
            return [id, name, STAProperty("definition", column: "definition", kind: .string), description, properties]
        case .observation:
            return [id,
                    STAProperty("phenomenonTime", column: "phenomenon_time_start", kind: .interval, endColumn: "phenomenon_time_end"),
                    STAProperty("resultTime", column: "result_time", kind: .datetime),
                    STAProperty("result", column: "result", kind: .result),
                    STAProperty("resultQuality", column: "result_quality", kind: .json),
                    STAProperty("validTime", column: "valid_time_start", kind: .interval, endColumn: "valid_time_end"),
                    STAProperty("parameters", column: "parameters", kind: .json)]
        case .featureOfInterest:
            return [id, name, description, encodingType,
                    STAProperty("feature", column: "geom", kind: .geometry, outputColumn: "feature"), properties]
        }
    }

    /// The column holding an observation's result when it is a number.
    public static let resultNumberColumn = "result_number"

    public static func navigations(of entity: STAEntityType) -> [STANavigation] {
        switch entity {
        case .thing:
            return [STANavigation("Locations", from: .thing, to: .location, toMany: true,
                                  join: .linkTable("sta_thing_locations", sourceColumn: "thing_id", targetColumn: "location_id")),
                    STANavigation("HistoricalLocations", from: .thing, to: .historicalLocation, toMany: true, join: .targetColumn("thing_id")),
                    STANavigation("Datastreams", from: .thing, to: .datastream, toMany: true, join: .targetColumn("thing_id"))]
        case .location:
            return [STANavigation("Things", from: .location, to: .thing, toMany: true,
                                  join: .linkTable("sta_thing_locations", sourceColumn: "location_id", targetColumn: "thing_id")),
                    STANavigation("HistoricalLocations", from: .location, to: .historicalLocation, toMany: true,
                                  join: .linkTable("sta_historical_location_locations", sourceColumn: "location_id",
                                                   targetColumn: "historical_location_id"))]
        case .historicalLocation:
            return [STANavigation("Thing", from: .historicalLocation, to: .thing, toMany: false, join: .sourceColumn("thing_id")),
                    STANavigation("Locations", from: .historicalLocation, to: .location, toMany: true,
                                  join: .linkTable("sta_historical_location_locations", sourceColumn: "historical_location_id",
                                                   targetColumn: "location_id"))]
        case .datastream:
            return [STANavigation("Thing", from: .datastream, to: .thing, toMany: false, join: .sourceColumn("thing_id")),
                    STANavigation("Sensor", from: .datastream, to: .sensor, toMany: false, join: .sourceColumn("sensor_id")),
                    STANavigation("ObservedProperty", from: .datastream, to: .observedProperty, toMany: false,
                                  join: .sourceColumn("observed_property_id")),
                    STANavigation("Observations", from: .datastream, to: .observation, toMany: true, join: .targetColumn("datastream_id"))]
        case .sensor:
            return [STANavigation("Datastreams", from: .sensor, to: .datastream, toMany: true, join: .targetColumn("sensor_id"))]
        case .observedProperty:
            return [STANavigation("Datastreams", from: .observedProperty, to: .datastream, toMany: true,
                                  join: .targetColumn("observed_property_id"))]
        case .observation:
            return [STANavigation("Datastream", from: .observation, to: .datastream, toMany: false, join: .sourceColumn("datastream_id")),
                    STANavigation("FeatureOfInterest", from: .observation, to: .featureOfInterest, toMany: false,
                                  join: .sourceColumn("feature_id"))]
        case .featureOfInterest:
            return [STANavigation("Observations", from: .featureOfInterest, to: .observation, toMany: true, join: .targetColumn("feature_id"))]
        }
    }
}
