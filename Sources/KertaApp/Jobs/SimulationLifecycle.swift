import Foundation
import Vapor
import KertaCommand
import KertaComplaints
import KertaPlatform
import KertaSensors

/// Makes the demo city live while `serve` runs (`KERTA_SIMULATE`, on by default in development with the
/// demo): the simulation at real speed, so a newcomer opening `/command` sees complaints arrive and move.
package final class SimulationLifecycle: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?

    package func didBootAsync(_ app: Application) async throws {
        guard app.isServing, app.kertaConfiguration.simulate, !app.kertaConfiguration.isProduction else { return }
        task = Task { [app] in
            // Let start-up (migrations, the demo's seeding) finish first.
            try? await Task.sleep(for: .seconds(5))
            do {
                // At real speed the server's own jobs (deadlines, alarms) run on the same time: the runner leaves them to it.
                _ = try await Self.runner(app, speed: 1, runsJobs: false).run(minutes: nil)
            } catch {
                app.logger.warning("simulation stopped: \(String(reflecting: error))")
            }
        }
    }

    package func shutdownAsync(_ app: Application) async {
        task?.cancel()
        _ = await task?.value
    }

    /// Every capability's simulator on one clock, with the deadline job and the alarm engine after each step
    /// when `runsJobs` (`kerta simulate`, whose simulated time runs ahead of the server's jobs).
    static let parts: Set<String> = ["complaints", "rivers"]

    static func runner(_ app: Application, speed: Double, runsJobs: Bool = true, only: Set<String>? = nil) -> SimulationRunner {
        let clock = ManualClock(app.kertaClock.now())
        let service = app.complaintService(on: app.db, now: { clock.now() })
        let engine = AlarmEngine(sources: app.alarmSources, hub: app.eventHub, now: { clock.now() })
        let rivers = FloodSimulator(app: app, clock: clock, firstStorm: clock.now().addingTimeInterval(10 * 60))
        let watch = FloodWatch(db: app.db, hub: app.eventHub, now: { clock.now() })
        let simulators: [any CitySimulator] = [ComplaintSimulator(app: app, clock: clock), rivers].filter { only?.contains($0.name) ?? true }
        return SimulationRunner(simulators: simulators, speed: speed, clock: clock) {
            guard runsJobs else { return }
            _ = try await DeadlineJob(service: service).run()
            _ = try await watch.run()
            _ = try await engine.run(on: app.db)
        }
    }
}
