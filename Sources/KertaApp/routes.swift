import Vapor

/// Every route of Kerta, in one table.
func routes(_ app: Application) throws {
    let configuration = app.kertaConfiguration

    try app.register(collection: HomeController())
    try app.register(collection: HealthController(databaseEngine: configuration.database.name))

    let api = app.grouped("api", "v1")
    try api.register(collection: AreaController(cityName: "Kota Denpasar"))
    try api.register(collection: ReferenceController())
}
