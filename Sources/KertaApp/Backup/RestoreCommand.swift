import Fluent
import SQLKit
import Vapor
import KertaPlatform
import KertaComplaints

/// `kerta restore --from FILE`: puts a backup back, into an empty data folder (SQLite) or an empty
/// database (PostgreSQL). It never merges into or overwrites existing data: restoring over a live city's
/// complaints by mistake would lose everything filed since the backup.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "from", help: "The backup file written by kerta backup")
        var from: String?
    }

    var help: String { "Restores a backup into an empty data folder or database (kerta restore --from FILE)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let source = signature.from, !source.isEmpty else { throw CommandError("say which backup: kerta restore --from FILE") }
        let path = URL(fileURLWithPath: source).standardizedFileURL.path
        let kind = try BackupArchive.kind(ofFileAt: path)
        let app = context.application
        switch (app.kertaConfiguration.database, kind) {
        case (.sqlite(let target?), .sqlite):
            try restoreSQLite(from: path, to: target)
        case (.postgres(let url, _), .postgres):
            try await requireEmptyPostgres(app)
            // No comments: COMMENT ON EXTENSION needs the extension's owner, and a DBA usually installs PostGIS.
            try PostgresTools.run("pg_restore", ["--no-owner", "--no-privileges", "--no-comments", "--exit-on-error", "--single-transaction", path],
                                  databaseURL: url)
        case (.sqlite(nil), _):
            throw CommandError("this Kerta keeps its data in memory; set KERTA_DATA_DIR (or DATABASE_URL) to restore into")
        case (_, let kind):
            throw CommandError("\(path) is a \(kind.rawValue) backup, but this Kerta uses \(app.kertaConfiguration.database.name); restore it into the same engine")
        }
        let complaints = try await Complaint.query(on: app.db).count()
        let photos = try await ComplaintPhoto.query(on: app.db).count()
        let entries = try await AuditEntry.query(on: app.db).count()
        context.console.print("Restored \(path): \(complaints) complaints, \(photos) photos, \(entries) audit entries. Check them with: kerta audit verify")
    }

    private func restoreSQLite(from path: String, to target: String) throws {
        let files = FileManager.default
        for existing in [target, target + "-wal", target + "-journal"] {
            if let size = try? files.attributesOfItem(atPath: existing)[.size] as? Int, size > 0 {
                throw CommandError("\(existing) already holds data; restore into an empty data folder (KERTA_DATA_DIR)")
            }
        }
        try files.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let partial = target + ".restoring"
        try? files.removeItem(atPath: partial)
        try files.copyItem(atPath: path, toPath: partial)
        try DurableFile.sync(partial)
        for stale in [target, target + "-wal", target + "-shm", target + "-journal"] { try? files.removeItem(atPath: stale) }
        try files.moveItem(atPath: partial, toPath: target)
        try DurableFile.syncFolder(of: target)
    }

    private func requireEmptyPostgres(_ app: Application) async throws {
        struct Row: Decodable { let tables: Int }
        let row = try await (app.db as! any SQLDatabase).raw("""
            SELECT count(*)::int AS tables FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys'
            """).first(decoding: Row.self)
        if let row, row.tables > 0 {
            throw CommandError("the database already has \(row.tables) tables; restore into an empty database (create one, then set DATABASE_URL to it)")
        }
    }
}
