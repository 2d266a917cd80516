import Fluent
import KertaPlatform
import SQLKit

package struct CreateFloodGauge: KertaMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(FloodGauge.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("river", .string, .required)
            .field("point_type", .string, .required)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("desa_code", .string)
            .field("desa_name", .string)
            .field("operator", .string, .required)
            .field("thing_id", .int64, .required)
            .field("level_stream_id", .int64, .required)
            .field("rain_stream_id", .int64)
            .field("expected_interval_seconds", .int, .required)
            .field("hysteresis_cm", .double, .required)
            .field("level", .int, .required)
            .field("level_since", .datetime)
            .field("last_value", .double)
            .field("last_at", .datetime)
            .field("rising_since", .datetime)
            .field("offline_since", .datetime)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .unique(on: "level_stream_id")
            .create()
        try await database.schema(FloodThreshold.schema)
            .id()
            .field("gauge_id", .uuid, .required, .references(FloodGauge.schema, "id"))
            .field("status", .string, .required)
            .field("waspada_cm", .double)
            .field("siaga_cm", .double)
            .field("awas_cm", .double)
            .field("effective_from", .datetime, .required)
            .field("basis", .string, .required)
            .field("set_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX \"flood_thresholds_gauge\" ON \"flood_thresholds\" (\"gauge_id\", \"effective_from\")").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(FloodThreshold.schema).delete()
        try await database.schema(FloodGauge.schema).delete()
    }
}
