import Foundation
import Vapor
import KertaPlatform
import KertaComplaints
import KertaCommand
import KertaSensors

/// Runs the deadline job, the mail sender and the event log's pruning inside `serve` every `KERTA_JOBS_INTERVAL` seconds.
/// Both are safe on several servers at once; set the interval to 0 on all but one, or use `kerta jobs`
/// from cron, to keep the work in one place.
package final class BackgroundJobs: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?

    package func didBootAsync(_ app: Application) async throws {
        guard app.isServing else { return }
        let interval = app.kertaConfiguration.jobsInterval
        guard interval > 0 else { return }
        task = Task { [app] in
            while !Task.isCancelled {
                await Self.runOnce(app)
                try? await Task.sleep(for: .seconds(interval))
            }
        }
    }

    package func shutdownAsync(_ app: Application) async {
        task?.cancel()
        _ = await task?.value
    }

    /// One pass; each job's failure is logged and counted on its own, and the next pass tries again.
    package static func runOnce(_ app: Application) async {
        await run("deadlines", app) {
            let deadlines = try await DeadlineJob(service: app.complaintService(on: app.db)).run()
            if deadlines != DeadlineJob.Report() { app.logger.notice("deadline job: \(deadlines)") }
        }
        await run("gauges", app) {
            let offline = try await FloodWatch(db: app.db, hub: app.eventHub, now: { app.kertaClock.now() }).run()
            if offline > 0 { app.logger.notice("flood watch: \(offline) gauges went silent") }
        }
        await run("alarms", app) {
            let alarms = try await app.alarmEngine.run(on: app.db)
            if alarms.raised + alarms.repeated + alarms.returned > 0 { app.logger.info("alarm engine: \(alarms)") }
        }
        await run("outbox", app) {
            let mail = try await app.outboxSender().run()
            if mail != OutboxSender.Report() { app.logger.info("outbox: \(mail)") }
        }
        await run("event_prune", app) {
            let pruned = try await app.pruneEvents()
            if pruned > 0 { app.logger.info("event log: \(pruned) events older than \(app.kertaConfiguration.eventRetentionDays) days removed") }
        }
    }

    private static func run(_ job: String, _ app: Application, _ body: () async throws -> Void) async {
        do {
            try await body()
            app.metrics.jobRan(job, succeeded: true)
        } catch {
            app.metrics.jobRan(job, succeeded: false)
            app.logger.warning("\(job) job failed, will retry: \(String(reflecting: error))")
        }
    }
}
