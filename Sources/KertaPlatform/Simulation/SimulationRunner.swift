import Foundation

/// Drives the simulators through simulated time in steps, `speed` simulated seconds per real second, and
/// runs `afterStep` (the jobs a city's servers run: deadlines, alarms) after each step. Bounded: it stops
/// after `minutes` of simulated time, or when its task is cancelled.
package struct SimulationRunner: Sendable {
    package struct Report: Sendable, CustomStringConvertible {
        package var steps = 0
        package var actions: [String: Int] = [:]
        package var failedSteps = 0
        package var description: String {
            "\(steps) steps" + (failedSteps > 0 ? " (\(failedSteps) failed)" : "") + "; " + actions.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        }
    }

    package let simulators: [any CitySimulator]
    package let speed: Double
    /// Simulated seconds per step.
    package let step: TimeInterval
    package let clock: ManualClock
    package let afterStep: @Sendable () async throws -> Void

    package init(simulators: [any CitySimulator], speed: Double, step: TimeInterval = 60, clock: ManualClock,
                 afterStep: @escaping @Sendable () async throws -> Void) {
        self.simulators = simulators
        self.speed = speed
        self.step = step
        self.clock = clock
        self.afterStep = afterStep
    }

    /// `minutes` nil runs until cancelled.
    package func run(minutes: Double?) async throws -> Report {
        var report = Report()
        var failures = 0
        let end = minutes.map { clock.now().addingTimeInterval($0 * 60) }
        while !Task.isCancelled {
            let start = clock.now()
            if let end, start >= end { break }
            let stop = end.map { min($0, start.addingTimeInterval(step)) } ?? start.addingTimeInterval(step)
            let began = ContinuousClock.now
            // Each simulator moves the clock to the moment of each thing it does, within the step. A step that
            // fails (a database briefly busy) is skipped; five in a row end the run with the error.
            do {
                for simulator in simulators {
                    report.actions[simulator.name, default: 0] += try await simulator.advance(from: start, to: stop)
                }
                clock.set(stop)
                try await afterStep()
                failures = 0
            } catch {
                clock.set(stop)
                failures += 1
                report.failedSteps += 1
                if failures >= 5 { throw error }
            }
            report.steps += 1
            // Real time keeps pace with simulated time divided by the speed.
            let wanted = Duration.milliseconds(Int64(stop.timeIntervalSince(start) / speed * 1000))
            let spent = ContinuousClock.now - began
            if spent < wanted { try? await Task.sleep(for: wanted - spent) }
        }
        return report
    }
}
