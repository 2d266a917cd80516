import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import KertaCore
import Leaf
import LeafKit
import Vapor
import KertaPlatform
import KertaComplaints
import KertaCommand
import KertaSensors

/// Configures Kerta from its environment variables.
public func configure(_ app: Application) async throws {
    let configuration = try KertaConfiguration.from(environment: ProcessInfo.processInfo.environment,
                                                    isProduction: app.environment == .production)
    try await configure(app, configuration: configuration)
}

/// Configures Kerta with an explicit configuration (tests build their own).
public func configure(_ app: Application, configuration: KertaConfiguration) async throws {
    app.kertaConfiguration = configuration
    app.logger.logLevel = configuration.logLevel
    // Made here, before any request: Application's storage is not safe to fill from two event loops at once.
    _ = app.kertaCaches
    _ = app.calendarStore
    _ = app.areaDirectory
    app.serviceAttributes = ["": (try? DatabaseMaintenance.referenceData(configuration).attributes) ?? []]
    _ = app.eventHub
    _ = app.metrics
    // What each capability adds to the command room: its map layers, its alarm rules, its KPIs.
    app.commandLayers = [ComplaintLayerController.layer, FloodController.layer]
    app.alarmSources = [ComplaintAlarmSource(verificationHours: Double(configuration.alarmVerificationHours), spikeCount: configuration.alarmSpikeCount),
                        FloodAlarmSource()]
    app.sensorKeys = SensorKeys()
    app.floodAreas = (try? FloodArea.load(from: DatabaseMaintenance.referenceDirectory(configuration).path)) ?? []
    app.commandFigures = [ComplaintFigures()]
    app.subjectPages = ["complaint": .complaint]

    try configureDatabase(app, configuration)

    app.http.server.configuration.hostname = configuration.host
    app.http.server.configuration.port = configuration.port
    // Phones on weak networks: compress what we send.
    app.http.server.configuration.responseCompression = .enabled

    // Deliberately slow hashing protects stolen hashes; tests use the cheapest cost to stay fast.
    app.passwords.use(.bcrypt(cost: app.environment == .testing ? 4 : 12))

    // A stopping server lets requests in flight finish within the grace period (see Application+Serve).
    app.http.server.configuration.shutdownTimeout = .seconds(Int64(configuration.shutdownGrace))

    // One set of limits for the middleware, the routes' default body size and the decoders.
    let limits = RequestLimits(maximumPhotoBytes: configuration.maximumPhotoBytes)
    app.middleware = Middlewares()
    app.middleware.use(MetricsMiddleware(metrics: app.metrics))
    app.middleware.use(SecurityHeadersMiddleware(configuration: configuration))
    app.requestGate = RequestGate(limit: configuration.maxInFlight)
    app.middleware.use(app.requestGate)
    app.middleware.use(RouteLoggingMiddleware(logLevel: .debug))
    app.middleware.use(KertaErrorMiddleware())
    app.middleware.use(RequestLimitsMiddleware(limits: limits))
    // Pages, styles and scripts ship inside the build, so the binary serves them from any directory.
    let resources = Bundle.module.resourceURL?.path ?? app.directory.resourcesDirectory
    app.middleware.use(FileMiddleware(publicDirectory: resources + "/Public/"))

    app.views.use(.leaf)
    app.leaf.tags["wita"] = WITADateTag()
    app.leaf.tags["path"] = PathTag(SitePath.platform + SitePath.complaints + SitePath.commandCenter + SitePath.sensors)
    app.leaf.sources = .singleSource(NIOLeafFiles(fileio: app.fileio, limits: [.toSandbox, .onlyLeafExtensions], sandboxDirectory: resources + "/Views/", viewDirectory: resources + "/Views/"))

    // Web sessions in the database, so every server knows every signed-in user.
    app.sessions.use(.fluent)
    let secureCookies = configuration.servesHTTPS
    app.sessions.configuration.cookieName = "kerta_session"
    app.sessions.configuration.cookieFactory = { id in
        .kertaPrivate(id.string, secure: secureCookies)
    }

    app.routes.defaultMaxBodySize = ByteCount(value: limits.body)
    ContentConfiguration.global.use(encoder: JSONEncoder.kerta, for: .json)
    ContentConfiguration.global.use(decoder: LimitedContentDecoder.json(.kerta, maximumDepth: limits.jsonDepth), for: .json)
    ContentConfiguration.global.use(decoder: LimitedContentDecoder.formData(FormDataDecoder(), maximumParts: limits.multipartParts), for: .formData)

    app.migrations.add(KertaMigrations.all)
    app.fluent.migrationLogLevel = .debug

    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(SeedCommand(), as: "seed")
    app.asyncCommands.use(UsersCommand(), as: "users")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(JobsCommand(), as: "jobs")
    app.asyncCommands.use(ApiKeysCommand(), as: "apikeys")
    app.asyncCommands.use(GenerateCommand(), as: "generate")
    app.asyncCommands.use(SimulateCommand(), as: "simulate")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")

    app.lifecycle.use(StartupPreparation())
    app.lifecycle.use(BackgroundJobs())
    app.lifecycle.use(SimulationLifecycle())
    app.lifecycle.use(EventHubLifecycle())

    try routes(app)
}

private func configureDatabase(_ app: Application, _ configuration: KertaConfiguration) throws {
    switch configuration.database {
    case .sqlite(let path):
        if let path {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            app.databases.use(.sqlite(.file(path)), as: .sqlite)
        } else {
            app.databases.use(.sqlite(.memory), as: .sqlite)
        }
    case .postgres(let url, let schema):
        var postgres = try SQLPostgresConfiguration(url: url)
        if let schema {
            postgres.searchPath = [schema, "public"]
        }
        // More than one connection per event loop, so a migration holding its lock connection can still migrate.
        app.databases.use(.postgres(configuration: postgres, maxConnectionsPerEventLoop: KertaConfiguration.DatabaseEngine.postgresConnectionsPerLoop, connectionPoolTimeout: .seconds(10)), as: .psql)
        // Every server hears every server's events (on SQLite there is one process, and the hub is told directly).
        app.lifecycle.use(PostgresEventListener(configuration: postgres.coreConfiguration))
    }
}
