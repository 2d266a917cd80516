import Foundation

/// A value bound to a SQL parameter. Dates are bound as REAL epoch seconds on SQLite and as `timestamptz`
/// on PostgreSQL, matching how the SensorThings tables store them.
public enum STAValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case date(Date)
}
