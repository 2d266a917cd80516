import AsyncKit
import FluentKit
import NIOCore
import NIOPosix
import PostgresNIO
import SQLiteNIO

/// Tells a database that cannot be reached (down, restarting, out of connections, busy) from a request
/// that is wrong, so the client hears "try again shortly" (503 with `Retry-After`) instead of "we broke"
/// (500). Nothing is half-written in either case: each change is one transaction.
package enum DatabaseOutage {
    /// Seconds a client is asked to wait: PostgreSQL restarts or fails over in seconds.
    package static let retryAfter = 5

    package static func matches(_ error: any Error) -> Bool {
        switch error {
        case let postgres as PSQLError:
            switch postgres.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
                return true
            case .server:
                // SQLSTATE classes 08 (connection exception), 53 (insufficient resources, e.g. too many
                // connections) and 57 (operator intervention: shutting down, starting up).
                let state = postgres.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57")
            default:
                return false
            }
        case let sqlite as SQLiteError:
            // Another process holds the write lock for longer than the busy timeout.
            switch sqlite.reason {
            case .busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot: return true
            default: return false
            }
        case is ConnectionPoolTimeoutError:
            return true
        case is ConnectionPoolError:
            return true
        case is NIOConnectionError, is IOError:
            return true
        case let channel as ChannelError:
            return channel == .ioOnClosedChannel || channel == .alreadyClosed || channel == .eof
        case let database as any DatabaseError:
            return database.isConnectionClosed
        default:
            return false
        }
    }
}
