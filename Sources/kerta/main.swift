import KertaApp
import Logging
import Vapor

var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
do {
    try await configure(app)
    guard try await app.executeAndStop() else {
        // Requests were still running after the grace period: leave without closing the database under them.
        exit(0)
    }
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
