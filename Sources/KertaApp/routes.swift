import Vapor
import KertaPlatform
import KertaComplaints
import KertaCommand
import KertaSensors

/// Every route of Kerta, in one table.
package func routes(_ app: Application) throws {
    let configuration = app.kertaConfiguration

    let web = app.grouped(app.sessions.middleware, User.sessionAuthenticator(), CSRFMiddleware())
    try web.register(collection: PortalController())
    try web.register(collection: ConsoleController())
    try web.register(collection: AdminController())
    try web.register(collection: CommandController())
    try web.register(collection: FloodController())
    try web.register(collection: WarningController())
    try app.register(collection: VendorController(directory: configuration.javascriptDirectory))
    try app.register(collection: HealthController(databaseEngine: configuration.database.name))
    try app.register(collection: MetricsController())

    let api = app.grouped("api", "v1").grouped(BearerTokenAuthenticator())
    try api.register(collection: AreaController(cityName: configuration.cityName))
    try api.register(collection: ReferenceController())
    try api.register(collection: AuthController())
    try api.register(collection: ComplaintController(maximumBodyBytes: configuration.maximumPhotoBytes * 5 + 1024 * 1024))
    try api.register(collection: PerformanceController())
    try api.register(collection: ExportController())
    try api.register(collection: RoutingOverrideController())
    try api.register(collection: OpenAPIController())
    try api.register(collection: AlarmController(.moves))
    try api.register(collection: WarningController.API())
    try api.register(collection: FloodController.API(.writes))
    // The console's and the command room's scripts sign in with their session cookie (a browser's EventSource
    // and WebSocket send no bearer token); these routes only read.
    let readsBySession = api.grouped(app.sessions.middleware, User.sessionAuthenticator())
    try readsBySession.register(collection: EventController())
    try readsBySession.register(collection: AlarmController(.reads))
    try readsBySession.register(collection: ComplaintLayerController())
    // The flood page's script reads the gauges signed out; the dashboard's gauge layer with the session.
    try readsBySession.register(collection: FloodController.API(.reads))

    try app.grouped("open311", "v2").register(collection: Open311Controller())
    // SensorThings has its own credentials (sensor keys) and its own error form.
    try app.register(collection: STAController())
}
