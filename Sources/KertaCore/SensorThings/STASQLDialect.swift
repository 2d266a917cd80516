/// The database a fragment is written for; PostgreSQL's geo functions need PostGIS.
public enum STASQLDialect: Equatable, Sendable {
    case sqlite
    case postgres(postgis: Bool)
}
