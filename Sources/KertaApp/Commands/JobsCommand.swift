import Vapor
import KertaPlatform
import KertaComplaints
import KertaCommand
import KertaSensors

/// `kerta jobs`: one pass of the deadline job (overdue escalation, closing after the dispute window), the alarm rules,
/// the mail sender and the event log's pruning, for cron when the servers run with `KERTA_JOBS_INTERVAL=0`.
struct JobsCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Runs the deadline job and the alarm rules, sends queued notifications and prunes the event log once" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let deadlines = try await DeadlineJob(service: app.complaintService(on: app.db)).run()
        context.console.print("Deadlines: \(deadlines).")
        let silent = try await FloodWatch(db: app.db, hub: app.eventHub, now: { app.kertaClock.now() }).run()
        context.console.print("Gauges: \(silent) went silent.")
        let alarms = try await app.alarmEngine.run(on: app.db)
        context.console.print("Alarms: \(alarms).")
        let mail = try await app.outboxSender().run()
        context.console.print("Outbox: \(mail).")
        let pruned = try await app.pruneEvents()
        context.console.print("Event log: \(pruned) events past \(app.kertaConfiguration.eventRetentionDays) days removed.")
    }
}
