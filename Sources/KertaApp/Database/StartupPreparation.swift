import Fluent
import Vapor
import KertaPlatform
import KertaComplaints

/// What `serve` does before it listens: refuse unsafe production settings, migrate, load reference
/// data, seed the demo on the first start, and say where the data lives.
package struct StartupPreparation: LifecycleHandler {
    package func didBootAsync(_ app: Application) async throws {
        guard app.isServing else { return }
        let configuration = app.kertaConfiguration
        try configuration.validateForProduction()
        if configuration.autoMigrate {
            try await DatabaseMaintenance.migrate(app)
            let (report, demoSeeded) = try await DatabaseMaintenance.seed(app, demo: configuration.seedDemo)
            app.logger.info("Reference data of \(configuration.city): \(report)\(demoSeeded ? "; Denpasar demo seeded (password \(DemoAccount.password))" : "")")
        }
        if configuration.isProduction {
            try await ProductionGuard.check(app.db)
        }
        switch configuration.database {
        case .sqlite(let path?):
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            app.logger.notice("Kerta data: SQLite database \(absolute)")
        case .sqlite(nil):
            app.logger.notice("Kerta data: in memory (lost when the server stops)")
        case .postgres:
            app.logger.notice("Kerta data: PostgreSQL (DATABASE_URL)")
        }
        let assets = app.vendorAssets
        if !assets.leaflet || !assets.chart {
            let missing = [assets.leaflet ? nil : "libjs-leaflet", assets.chart ? nil : "libjs-chart.js"].compactMap { $0 }
            app.logger.warning("""
                Maps and charts are off: Debian's \(missing.joined(separator: " and ")) not found in \(configuration.javascriptDirectory) \
                (the pages show a notice instead). Install with: sudo apt-get install \(missing.joined(separator: " ")) \
                (scripts/run does it), or point KERTA_JS_DIR at a folder holding leaflet/ and chart.js/.
                """)
        }
        app.logger.notice("Kerta is ready at \(configuration.publicURL)")
    }
}
