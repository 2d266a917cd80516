import Fluent
import Vapor
import KertaPlatform
import KertaComplaints

/// `kerta seed`: loads the reference data and, unless disabled, the Denpasar demo. Running it twice changes nothing.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "no-demo", help: "Load only the reference data, not the demo accounts and complaints.")
        var noDemo: Bool
    }

    var help: String { "Loads reference data (areas, agencies, categories, holidays) and the demo, idempotently." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let configuration = app.kertaConfiguration
        if configuration.isProduction && configuration.seedDemo && !signature.noDemo {
            throw KertaConfiguration.Problem.unsafeForProduction("the demo has published passwords; run `kerta seed --no-demo`")
        }
        try await DatabaseMaintenance.migrate(app)
        let (report, demoSeeded) = try await DatabaseMaintenance.seed(app, demo: configuration.seedDemo && !signature.noDemo)
        context.console.info("Reference data: \(report).")
        context.console.info(demoSeeded ? "Denpasar demo seeded." : "Demo: nothing to do.")
    }
}
