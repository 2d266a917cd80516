import Fluent
import Vapor
import KertaCommand
import KertaComplaints
import KertaPlatform

/// `kerta simulate [--speed X] [--minutes N]`: a stretch of the demo city's life, through the same services
/// as real use, with the jobs a server runs (deadlines, alarms) after every simulated minute.
struct SimulateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "speed", help: "Simulated seconds per real second (default 1; 60 runs an hour in a minute)")
        var speed: Double?
        @Option(name: "minutes", help: "Simulated minutes to run (default 60)")
        var minutes: Double?
        @Option(name: "only", help: "Only these parts of the city, comma-separated: complaints, rivers (default all)")
        var only: String?
    }

    var help: String {
        "Runs the simulated city (complaints arriving and being handled, the rivers' gauges and a storm 10 minutes in, alarms) for N simulated minutes"
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard !app.kertaConfiguration.isProduction else {
            throw CommandError("the simulation writes invented complaints; it does not run in production")
        }
        let speed = signature.speed ?? 1
        let minutes = signature.minutes ?? 60
        guard (0.1...10_000).contains(speed) else { throw CommandError("--speed must be from 0.1 to 10000") }
        guard (1...100_000).contains(minutes) else { throw CommandError("--minutes must be from 1 to 100000") }
        try await DatabaseMaintenance.migrate(app)
        // Invented complaints and demo accounts belong in the demo's database only, never beside real data.
        if try await Setting.find(Setting.Key.demoSeededAt, on: app.db) == nil, try await Complaint.query(on: app.db).count() > 0 {
            throw CommandError("this database holds complaints that are not the demo's; the simulation runs only on a demo database")
        }
        try await DatabaseMaintenance.seed(app, demo: true)
        let parts = signature.only.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        if let parts, !parts.isSubset(of: SimulationLifecycle.parts) {
            throw CommandError("--only takes " + SimulationLifecycle.parts.sorted().joined(separator: ", "))
        }
        let report = try await SimulationLifecycle.runner(app, speed: speed, only: parts).run(minutes: minutes)
        context.console.print("Simulated \(Int(minutes)) minutes at \(speed)×: \(report).")
    }
}
