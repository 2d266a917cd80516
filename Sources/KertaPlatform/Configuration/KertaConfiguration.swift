import Foundation
import Vapor

/// Every setting Kerta reads from its environment, read in this one place.
///
/// Defaults make `swift run kerta` work with no setup (SQLite in `./kerta-data`, demo data, port 8080);
/// production deployments set `DATABASE_URL` and `KERTA_SECRET` and run with `--env production`.
public struct KertaConfiguration: Sendable {
    public enum DatabaseEngine: Sendable, Equatable {
        /// A SQLite file, or memory when the path is nil (each application its own private database).
        case sqlite(path: String?)
        /// A PostgreSQL URL; `schema`, when set, puts Kerta's tables in that schema (tests use one each).
        case postgres(url: String, schema: String?)

        public var name: String {
            switch self {
            case .sqlite: "sqlite"
            case .postgres: "postgres"
            }
        }

        /// Connections per event loop (one loop per core) in each process's PostgreSQL pool; SQLite has one writer.
        public static let postgresConnectionsPerLoop = 4
    }

    public enum Problem: Error, CustomStringConvertible, Equatable {
        case invalid(variable: String, value: String, expected: String)
        case unsafeForProduction(String)

        public var description: String {
            switch self {
            case .invalid(let variable, let value, let expected):
                "\(variable)=\"\(value)\" is not valid: expected \(expected)"
            case .unsafeForProduction(let reason):
                "refusing to run in production: \(reason)"
            }
        }
    }

    /// The secret that signs tokens and sessions when none is configured; refused in production.
    public static let developmentSecret = "kerta-development-secret-do-not-use-in-production"

    /// `KERTA_DATA_DIR`: where the SQLite file, uploaded photos and other local state live.
    public var dataDirectory: String
    /// `DATABASE_URL`: `postgres://…` selects PostgreSQL; unset means SQLite in the data folder.
    public var database: DatabaseEngine
    /// `HOST`, `PORT`: where the server listens.
    public var host: String
    public var port: Int
    /// `KERTA_PUBLIC_URL`: the address people reach Kerta at, for links in messages and API documents.
    public var publicURL: String
    /// `KERTA_SECRET`: signs tokens; at least 32 characters in production.
    public var secret: String

    /// Served over HTTPS (by `publicURL`): cookies are then `Secure` and answers carry HSTS.
    public var servesHTTPS: Bool { publicURL.lowercased().hasPrefix("https://") }
    /// `KERTA_AUTO_MIGRATE`: migrate (and seed reference data) when `serve` starts. Default on.
    public var autoMigrate: Bool
    /// `KERTA_DEMO`: seed the Denpasar demo (accounts and complaints) on first start. Default on, off in production.
    public var seedDemo: Bool
    /// `KERTA_CITY`: the prefix of the boundary files in the reference folder; `denpasar` ships.
    public var city: String
    /// `KERTA_REFERENCE_DIR`: a folder of reference data (agencies, categories, holidays, boundaries) to use
    /// instead of the Denpasar set built into Kerta.
    public var referenceDirectory: String?
    /// `LOG_LEVEL`: trace, debug, info, notice, warning, error, critical.
    public var logLevel: Logger.Level
    /// `KERTA_MAX_PHOTO_MB`: the largest photo accepted, in megabytes (default 8); at most 5 per complaint.
    public var maximumPhotoBytes: Int = 8 * 1024 * 1024
    /// `SMTP_URL`: `smtp://user:password@host:port` (STARTTLS when offered, `?tls=starttls` to require it,
    /// `?tls=none` for plain) or `smtps://…` (TLS from the start) to deliver notifications; unset means they are logged.
    public var smtpURL: String? = nil
    /// `MAIL_FROM`: the sender address of notifications.
    public var mailFrom: String = "kerta@localhost"
    /// `KERTA_JOBS_INTERVAL`: seconds between runs of the deadline job and the mail sender inside `serve`
    /// (default 60; 0 turns them off, e.g. when `kerta jobs` runs from cron instead).
    public var jobsInterval: Int = 60
    /// `KERTA_JS_DIR`: where Debian's `libjs-leaflet` and `libjs-chart.js` put their files; Kerta serves
    /// them at `/vendor/…`. Without them the pages work, with lists instead of maps and charts.
    public var javascriptDirectory: String = "/usr/share/javascript"
    /// `KERTA_TILE_URL`: a map tile URL template (`https://…/{z}/{x}/{y}.png`); empty shows boundaries only.
    public var tileURL: String = ""
    /// `KERTA_MAX_IN_FLIGHT`: requests this process serves at once; more are answered 503 with `Retry-After`
    /// at once instead of queueing until every answer times out (default 256).
    public var maxInFlight: Int = 256
    /// `KERTA_SHUTDOWN_GRACE`: seconds a stopping server (SIGTERM, SIGINT) waits for requests in flight
    /// before it exits anyway (default 10).
    public var shutdownGrace: Int = 10
    /// `KERTA_CITY_NAME`: the city as residents and partners read it, in messages and Open311 (default `Kota Denpasar`).
    package var cityName: String = "Kota Denpasar"
    /// `KERTA_JURISDICTION`: Open311's `jurisdiction_id` this endpoint serves (default `denpasar.go.id`).
    package var jurisdiction: String = "denpasar.go.id"
    /// `KERTA_OPERATOR`: the office that runs the complaint service, named in Open311's discovery as its contact.
    package var operatorName: String = "Dinas Komunikasi, Informatika dan Statistik Kota Denpasar"
    /// `KERTA_EVENT_RETENTION_DAYS`: how long the live event log keeps events (default 90); the prune job
    /// removes older ones. Audit trails are kept for ever, whatever this says.
    public var eventRetentionDays: Int = 90
    /// `KERTA_EVENT_BUFFER`: events one live subscriber may have waiting (default 256); one that falls further
    /// behind is told to resync from its last id and disconnected, so a slow phone never grows the server's memory.
    public var eventBuffer: Int = 256
    /// `KERTA_ALARM_VERIFICATION_HOURS`: a high or critical complaint waiting longer than this for verification raises an alarm (default 4).
    public var alarmVerificationHours: Int = 4
    /// `KERTA_ALARM_SPIKE_COUNT`: more complaints than this of one category in one desa within an hour raise a spike alarm (default 3).
    public var alarmSpikeCount: Int = 3
    /// `KERTA_SIMULATE`: the demo city lives — `serve` runs the simulation at real speed (default on in
    /// development with the demo, off otherwise); a production server refuses to start with it on.
    public var simulate: Bool = false
    /// Whether Vapor runs in its production environment (`--env production` or `VAPOR_ENV=production`).
    public var isProduction: Bool

    public init(dataDirectory: String = "kerta-data", database: DatabaseEngine = .sqlite(path: nil), host: String = "127.0.0.1", port: Int = 8080,
                publicURL: String? = nil, secret: String = developmentSecret, autoMigrate: Bool = true, seedDemo: Bool = true,
                city: String = "denpasar", referenceDirectory: String? = nil, logLevel: Logger.Level = .info, isProduction: Bool = false) {
        self.dataDirectory = dataDirectory
        self.database = database
        self.host = host
        self.port = port
        // Without a trailing slash, so every link is the address and a path.
        var address = publicURL ?? "http://\(host):\(port)"
        while address.hasSuffix("/") { address.removeLast() }
        self.publicURL = address
        self.secret = secret
        self.autoMigrate = autoMigrate
        self.seedDemo = seedDemo
        self.city = city
        self.referenceDirectory = referenceDirectory
        self.logLevel = logLevel
        self.isProduction = isProduction
    }

    /// Reads the configuration from environment variables.
    public static func from(environment variables: [String: String], isProduction: Bool) throws -> KertaConfiguration {
        func value(_ name: String) -> String? {
            guard let v = variables[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        func flag(_ name: String, default defaultValue: Bool) throws -> Bool {
            guard let v = value(name) else { return defaultValue }
            switch v.lowercased() {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default: throw Problem.invalid(variable: name, value: v, expected: "true or false")
            }
        }
        let dataDirectory = value("KERTA_DATA_DIR") ?? "kerta-data"
        var database = DatabaseEngine.sqlite(path: (dataDirectory as NSString).appendingPathComponent("kerta.sqlite"))
        if let url = value("DATABASE_URL") {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                database = .postgres(url: url, schema: nil)
            } else if url.hasPrefix("sqlite://") {
                let path = String(url.dropFirst("sqlite://".count))
                database = .sqlite(path: path == ":memory:" || path.isEmpty ? nil : path)
            } else {
                throw Problem.invalid(variable: "DATABASE_URL", value: url, expected: "postgres://user:password@host:port/database or sqlite://path")
            }
        }
        let host = value("HOST") ?? "127.0.0.1"
        var port = 8080
        if let p = value("PORT") {
            guard let n = Int(p), (0...65535).contains(n) else {
                throw Problem.invalid(variable: "PORT", value: p, expected: "a port number from 0 to 65535")
            }
            port = n
        }
        var logLevel = Logger.Level.info
        if let l = value("LOG_LEVEL") {
            guard let level = Logger.Level(rawValue: l.lowercased()) else {
                throw Problem.invalid(variable: "LOG_LEVEL", value: l, expected: Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))
            }
            logLevel = level
        }
        func number(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws -> Int {
            guard let v = value(name) else { return defaultValue }
            guard let n = Int(v), range.contains(n) else {
                throw Problem.invalid(variable: name, value: v, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return n
        }
        // A URL the mail transport cannot use would silently leave notifications unsent: refuse it at start.
        if let smtp = value("SMTP_URL"), !Self.isUsableSMTP(smtp) {
            throw Problem.invalid(variable: "SMTP_URL", value: "(not shown: it may hold a password)",
                                  expected: "smtp://user:password@host:587 (STARTTLS when offered; ?tls=starttls to require it, ?tls=none for plain) or smtps://user:password@host:465")
        }
        var configuration = KertaConfiguration(
            dataDirectory: dataDirectory,
            database: database,
            host: host,
            port: port,
            publicURL: value("KERTA_PUBLIC_URL"),
            secret: value("KERTA_SECRET") ?? developmentSecret,
            autoMigrate: try flag("KERTA_AUTO_MIGRATE", default: true),
            seedDemo: try flag("KERTA_DEMO", default: !isProduction),
            city: value("KERTA_CITY") ?? "denpasar",
            referenceDirectory: value("KERTA_REFERENCE_DIR"),
            logLevel: logLevel,
            isProduction: isProduction
        )
        configuration.maximumPhotoBytes = try number("KERTA_MAX_PHOTO_MB", default: 8, range: 1...50) * 1024 * 1024
        configuration.smtpURL = value("SMTP_URL")
        configuration.mailFrom = value("MAIL_FROM") ?? "kerta@localhost"
        configuration.jobsInterval = try number("KERTA_JOBS_INTERVAL", default: 60, range: 0...86400)
        configuration.javascriptDirectory = value("KERTA_JS_DIR") ?? "/usr/share/javascript"
        configuration.tileURL = value("KERTA_TILE_URL") ?? ""
        configuration.maxInFlight = try number("KERTA_MAX_IN_FLIGHT", default: 256, range: 1...100_000)
        configuration.shutdownGrace = try number("KERTA_SHUTDOWN_GRACE", default: 10, range: 0...600)
        configuration.cityName = value("KERTA_CITY_NAME") ?? "Kota Denpasar"
        configuration.jurisdiction = (value("KERTA_JURISDICTION") ?? "denpasar.go.id").lowercased()
        configuration.operatorName = value("KERTA_OPERATOR") ?? "Dinas Komunikasi, Informatika dan Statistik Kota Denpasar"
        configuration.eventRetentionDays = try number("KERTA_EVENT_RETENTION_DAYS", default: 90, range: 1...3650)
        configuration.eventBuffer = try number("KERTA_EVENT_BUFFER", default: 256, range: 1...100_000)
        configuration.alarmVerificationHours = try number("KERTA_ALARM_VERIFICATION_HOURS", default: 4, range: 1...720)
        configuration.alarmSpikeCount = try number("KERTA_ALARM_SPIKE_COUNT", default: 3, range: 1...1000)
        configuration.simulate = try flag("KERTA_SIMULATE", default: !isProduction && configuration.seedDemo)
        return configuration
    }

    /// `smtp://host[:port][?tls=auto|starttls|none]` or `smtps://host[:port]`, with a host.
    package static func isUsableSMTP(_ url: String) -> Bool {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty,
              components.scheme == "smtp" || components.scheme == "smtps" else { return false }
        let tls = components.queryItems?.first { $0.name == "tls" }?.value?.lowercased()
        if components.scheme == "smtps" { return tls == nil }
        return tls == nil || ["auto", "starttls", "none"].contains(tls!)
    }

    /// What must hold before a production server starts; the demo-account check needs the database and lives in ``ProductionGuard``.
    public func validateForProduction() throws {
        guard isProduction else { return }
        if secret == Self.developmentSecret {
            throw Problem.unsafeForProduction("KERTA_SECRET is not set; set it to a random string of at least 32 characters")
        }
        if secret.count < 32 {
            throw Problem.unsafeForProduction("KERTA_SECRET is shorter than 32 characters")
        }
        if seedDemo {
            throw Problem.unsafeForProduction("KERTA_DEMO is on; demo accounts have published passwords")
        }
        if simulate {
            throw Problem.unsafeForProduction("KERTA_SIMULATE is on; the simulation writes invented complaints")
        }
    }
}
