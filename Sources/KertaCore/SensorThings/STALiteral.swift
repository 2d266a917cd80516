import Foundation

/// A constant as written in `$filter` or `$orderby`. Only ever reaches SQL as a bound value.
public enum STALiteral: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    /// An instant with its offset applied (`2026-09-10T06:35:00+08:00`).
    case dateTime(Date)
    /// A calendar day (`2026-09-10`), kept apart from an instant: compared with `date(…)` it is a day,
    /// compared with a time property it is that day's midnight in UTC.
    case date(year: Int, month: Int, day: Int)
    /// A time of day (`06:35:00`), normalised to `HH:MM:SS` with any fraction kept.
    case timeOfDay(String)
    /// `geography'…'` or `geometry'…'`; the WKT text as written, parsed elsewhere.
    case geometry(wkt: String, geography: Bool)
}
