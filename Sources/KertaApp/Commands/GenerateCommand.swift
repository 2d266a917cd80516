import Vapor
import KertaPlatform
import KertaComplaints

/// `kerta generate --complaints N [--seed S]`: realistic complaints in bulk, for benchmarks.
struct GenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "complaints", help: "How many complaints to add")
        var complaints: Int?
        @Option(name: "seed", help: "Random seed, so a run can be repeated exactly (default 1)")
        var seed: Int?
    }

    var help: String { "Adds N realistic complaints (with audit trails) for benchmarks" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let count = signature.complaints, (1...50_000_000).contains(count) else {
            throw CommandError("--complaints is required: how many complaints to add (1 to 50000000)")
        }
        let app = context.application
        try await DatabaseMaintenance.migrate(app)
        try await DatabaseMaintenance.seed(app, demo: false)
        // A stopwatch, not the time of day: the run's length whatever the clock says.
        let started = ContinuousClock.now
        let step = max(count / 20, 1)
        let report = try await ComplaintGenerator(app: app, count: count, seed: UInt64(max(signature.seed ?? 1, 0))).run { made in
            if made % step == 0 || made == count { context.console.print("… \(made) of \(count)") }
        }
        context.console.print("Generated \(report) in \(String(format: "%.1f", Double((ContinuousClock.now - started) / .milliseconds(1)) / 1000)) s.")
    }
}
