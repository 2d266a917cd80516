import Vapor

/// `kerta jobs`: one pass of the deadline job (overdue escalation, closing after the dispute window)
/// and the mail sender, for cron when the servers run with `KERTA_JOBS_INTERVAL=0`.
struct JobsCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Runs the deadline job and sends queued notifications once" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let deadlines = try await DeadlineJob(service: app.complaintService(on: app.db)).run()
        context.console.print("Deadlines: \(deadlines).")
        let mail = try await app.outboxSender().run()
        context.console.print("Outbox: \(mail).")
    }
}
