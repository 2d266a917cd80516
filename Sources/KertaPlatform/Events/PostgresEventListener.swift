import Foundation
import Logging
import PostgresNIO
import Vapor

/// Hears the ids that every server's change recorder announces with `NOTIFY` and wakes this process's
/// hub, which then reads the new rows itself. `LISTEN` holds a connection of its own, outside the pool, so
/// a busy pool never delays it and no pooled connection is left listening; when the connection drops it
/// reconnects by itself (with backoff), and on every (re)connect the hub reads once, for what was
/// committed while nobody was listening.
package final class PostgresEventListener: LifecycleHandler, @unchecked Sendable {
    private let configuration: PostgresConnection.Configuration
    private var task: Task<Void, Never>?

    package init(configuration: PostgresConnection.Configuration) {
        self.configuration = configuration
    }

    package func didBootAsync(_ app: Application) async throws {
        guard app.isServing || app.environment == .testing else { return }
        let hub = app.eventHub
        let logger = app.logger
        let eventLoop = app.eventLoopGroup.any()
        let configuration = configuration
        task = Task {
            await Self.listen(configuration: configuration, on: eventLoop, hub: hub, logger: logger)
        }
    }

    package func shutdownAsync(_ app: Application) async {
        task?.cancel()
        await task?.value
        task = nil
    }

    private static func listen(configuration: PostgresConnection.Configuration, on eventLoop: any EventLoop, hub: EventHub,
                               logger: Logger) async {
        var delay = 0.25
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 0, logger: logger)
                do {
                    try await connection.listen(on: ChangeRecorder.channel) { notifications in
                        delay = 0.25
                        await hub.poke()
                        for try await _ in notifications {
                            await hub.notified()
                        }
                    }
                } catch {
                    if !Task.isCancelled { logger.warning("event listener lost its connection, reconnecting: \(String(reflecting: error))") }
                }
                try? await connection.close()
            } catch {
                if !Task.isCancelled { logger.warning("event listener cannot connect, retrying in \(delay) s: \(String(reflecting: error))") }
            }
            guard !Task.isCancelled else { return }
            try? await Task.sleep(for: .seconds(delay))
            delay = min(delay * 2, 10)
        }
    }
}
