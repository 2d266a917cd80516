import Vapor
import KertaPlatform
import KertaComplaints

/// `kerta migrate`: brings the database schema up to date, with no prompt (it runs in scripts and CI).
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Brings the database schema up to date." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await DatabaseMaintenance.migrate(context.application)
        context.console.info("Database is up to date.")
    }
}
