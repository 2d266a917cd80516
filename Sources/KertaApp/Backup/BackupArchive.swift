import Foundation
import KertaPlatform
import KertaComplaints

/// What a backup file holds, told by its first bytes: Kerta writes SQLite's own database format (made by
/// `VACUUM INTO`) or PostgreSQL's custom dump format (made by `pg_dump -Fc`), so each can also be read
/// with that engine's own tools without Kerta.
package enum BackupArchive: String, Sendable {
    case sqlite
    case postgres

    package static func kind(ofFileAt path: String) throws -> BackupArchive {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandError("cannot read \(path)")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.starts(with: Array("SQLite format 3\u{0}".utf8)) { return .sqlite }
        if head.starts(with: Array("PGDMP".utf8)) { return .postgres }
        throw CommandError("\(path) is not a Kerta backup (neither a SQLite database nor a pg_dump custom archive)")
    }
}
