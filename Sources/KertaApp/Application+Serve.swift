import Vapor
import KertaPlatform
import KertaComplaints

extension Application {
    /// Runs the command line (by default `serve`), and when a server is told to stop (SIGTERM, SIGINT) stops
    /// it in order: refuse new requests, stop listening, let requests in flight finish within
    /// `KERTA_SHUTDOWN_GRACE` seconds, then stop the jobs and close the database.
    ///
    /// Vapor alone tears its storage down in no fixed order, so the database could close under requests
    /// still running (a crash in `Request.db` under load, and a port kept by the crash reporter).
    /// Returns false when requests were still running at the end of the grace period: the caller then
    /// exits without closing the database under them. Their transactions roll back, as after a crash,
    /// so nothing half-written stays.
    public func executeAndStop() async throws -> Bool {
        try await execute()
        guard isServing else { return true }
        let grace = kertaConfiguration.shutdownGrace
        let deadline = ContinuousClock.now + .seconds(grace)
        logger.notice("Stopping: no new requests; waiting up to \(grace) s for \(requestGate.inFlight) in flight")
        requestGate.beginDraining()
        await eventHub.closeAll()
        // Closes the listening socket at once (the port is free for the next server) and every idle or
        // finished keep-alive connection; busy ones close after their answer.
        await server.shutdown()
        let idle = await requestGate.waitUntilIdle(before: deadline)
        if !idle {
            logger.warning("Stopping: \(requestGate.inFlight) requests still running after \(grace) s; they are abandoned and their transactions roll back")
        }
        return idle
    }
}
