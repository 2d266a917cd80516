import Foundation
import Vapor

/// Runs the deadline job, the mail sender and the event log's pruning inside `serve` every `KERTA_JOBS_INTERVAL` seconds.
/// Both are safe on several servers at once; set the interval to 0 on all but one, or use `kerta jobs`
/// from cron, to keep the work in one place.
final class BackgroundJobs: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?

    func didBootAsync(_ app: Application) async throws {
        guard StartupPreparation.isServing(app) else { return }
        let interval = app.kertaConfiguration.jobsInterval
        guard interval > 0 else { return }
        task = Task { [app] in
            while !Task.isCancelled {
                await Self.runOnce(app)
                try? await Task.sleep(for: .seconds(interval))
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task?.cancel()
        _ = await task?.value
    }

    /// One pass; failures are logged and the next pass tries again.
    static func runOnce(_ app: Application) async {
        do {
            let deadlines = try await DeadlineJob(service: app.complaintService(on: app.db)).run()
            if deadlines != DeadlineJob.Report() { app.logger.notice("deadline job: \(deadlines)") }
            let mail = try await app.outboxSender().run()
            if mail != OutboxSender.Report() { app.logger.info("outbox: \(mail)") }
            let pruned = try await app.pruneEvents()
            if pruned > 0 { app.logger.info("event log: \(pruned) events older than \(app.kertaConfiguration.eventRetentionDays) days removed") }
        } catch {
            app.logger.warning("background jobs failed, will retry: \(String(reflecting: error))")
        }
    }
}
