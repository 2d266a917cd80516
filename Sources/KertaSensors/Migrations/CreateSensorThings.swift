import Fluent
import KertaPlatform
import SQLKit

/// The eight SensorThings entity sets, with integer ids (`Things(1)`, as the standard's examples and its
/// clients expect) and the two link tables of its many-to-many relations.
package struct CreateSensorThings: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema("sta_things")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("properties", .string)
            .field("public", .bool, .required)
            .create()
        try await database.schema("sta_locations")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("encoding_type", .string, .required)
            .field("location", .string, .required)
            .field("geom", .string)
            .field("properties", .string)
            .create()
        try await database.schema("sta_thing_locations")
            .field("thing_id", .int64, .required)
            .field("location_id", .int64, .required)
            .compositeIdentifier(over: "thing_id", "location_id")
            .create()
        try await database.schema("sta_historical_locations")
            .field("id", .int64, .identifier(auto: true))
            .field("thing_id", .int64, .required)
            .field("time", .datetime, .required)
            .create()
        try await database.schema("sta_historical_location_locations")
            .field("historical_location_id", .int64, .required)
            .field("location_id", .int64, .required)
            .compositeIdentifier(over: "historical_location_id", "location_id")
            .create()
        try await database.schema("sta_sensors")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("encoding_type", .string, .required)
            .field("metadata", .string, .required)
            .field("properties", .string)
            .create()
        try await database.schema("sta_observed_properties")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("definition", .string, .required)
            .field("description", .string, .required)
            .field("properties", .string)
            .create()
        try await database.schema("sta_datastreams")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("observation_type", .string, .required)
            .field("unit_of_measurement", .string, .required)
            .field("observed_area", .string)
            .field("phenomenon_time_start", .datetime)
            .field("phenomenon_time_end", .datetime)
            .field("result_time_start", .datetime)
            .field("result_time_end", .datetime)
            .field("properties", .string)
            .field("thing_id", .int64, .required)
            .field("sensor_id", .int64, .required)
            .field("observed_property_id", .int64, .required)
            .create()
        try await database.schema("sta_features")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("encoding_type", .string, .required)
            .field("feature", .string, .required)
            .field("geom", .string)
            .field("properties", .string)
            .create()
        try await database.schema("sta_observations")
            .field("id", .int64, .identifier(auto: true))
            .field("phenomenon_time_start", .datetime, .required)
            .field("phenomenon_time_end", .datetime)
            .field("result_time", .datetime)
            .field("result", .string, .required)
            .field("result_number", .double)
            .field("result_quality", .string)
            .field("valid_time_start", .datetime)
            .field("valid_time_end", .datetime)
            .field("parameters", .string)
            .field("datastream_id", .int64, .required)
            .field("feature_id", .int64, .required)
            .create()
        let sql = database as! any SQLDatabase
        // A datastream's newest readings and a time window of them: the two reads every chart and gauge makes.
        // PostgreSQL orders as OData says (descending with nulls last), which only an index built that way serves.
        // The result rides in the index, so a chart's window (time and result) is read from the index alone:
        // readings of many gauges arrive interleaved, and one gauge's day would otherwise touch a page per row.
        if database.isPostgres {
            try await sql.raw("""
                CREATE INDEX "sta_observations_stream_time" ON "sta_observations"
                ("datastream_id", "phenomenon_time_start" DESC NULLS LAST, "id" DESC) INCLUDE ("phenomenon_time_end", "result", "result_number")
                """).run()
        } else {
            try await sql.raw("""
                CREATE INDEX "sta_observations_stream_time" ON "sta_observations"
                ("datastream_id", "phenomenon_time_start", "id", "phenomenon_time_end", "result", "result_number")
                """).run()
        }
        try await sql.raw("CREATE INDEX \"sta_observations_feature\" ON \"sta_observations\" (\"feature_id\")").run()
        try await sql.raw("CREATE INDEX \"sta_datastreams_thing\" ON \"sta_datastreams\" (\"thing_id\")").run()
        try await sql.raw("CREATE INDEX \"sta_datastreams_sensor\" ON \"sta_datastreams\" (\"sensor_id\")").run()
        try await sql.raw("CREATE INDEX \"sta_datastreams_property\" ON \"sta_datastreams\" (\"observed_property_id\")").run()
        try await sql.raw("CREATE INDEX \"sta_historical_thing\" ON \"sta_historical_locations\" (\"thing_id\", \"time\")").run()
        try await sql.raw("CREATE INDEX \"sta_thing_locations_location\" ON \"sta_thing_locations\" (\"location_id\")").run()
        try await sql.raw("CREATE INDEX \"sta_hll_location\" ON \"sta_historical_location_locations\" (\"location_id\")").run()
    }

    package func revert(on database: any Database) async throws {
        for table in ["sta_observations", "sta_features", "sta_datastreams", "sta_observed_properties", "sta_sensors",
                      "sta_historical_location_locations", "sta_historical_locations", "sta_thing_locations", "sta_locations", "sta_things"] {
            try await database.schema(table).delete()
        }
    }
}
