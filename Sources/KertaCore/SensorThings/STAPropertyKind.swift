/// What a property holds, which decides how it may be compared and how the SQL reaches it.
public enum STAPropertyKind: Sendable, Hashable {
    /// The 64-bit integer key, `@iot.id`.
    case id
    case string
    case number
    /// An instant: REAL epoch seconds on SQLite, `timestamptz` on PostgreSQL.
    case datetime
    /// A time or an interval kept as start and end columns; compared and ordered by its start.
    case interval
    /// A JSON document kept as text, reachable member by member (`properties/owner/name`).
    case json
    /// A bare GeoJSON geometry kept as text; only the geo functions and `null` apply.
    case geometry
    /// A MIME-like text such as `application/geo+json`; compared as a string.
    case encodingType
    /// An observation's result: any JSON, with its number copied to `result_number` so it compares as one.
    case result
}
