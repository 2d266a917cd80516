import Fluent
import SQLKit
import Vapor
import KertaPlatform
import KertaComplaints

/// `kerta backup --to FILE`: a consistent copy of everything Kerta keeps — complaints, their audit trails,
/// accounts, settings and the photos, which live in the database — taken while servers keep serving.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "The file to write (it must not exist yet)")
        var to: String?
    }

    var help: String { "Copies the database, photos included, while Kerta runs (kerta backup --to FILE)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let target = signature.to, !target.isEmpty else { throw CommandError("say where to write: kerta backup --to FILE") }
        let path = URL(fileURLWithPath: target).standardizedFileURL.path
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CommandError("\(path) exists already; choose a new file name (a backup never overwrites one)")
        }
        let app = context.application
        // Written beside the target under another name and renamed at the end: a backup cut short never
        // looks like a whole one.
        let partial = path + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        let kind: BackupArchive
        switch app.kertaConfiguration.database {
        case .sqlite(nil):
            throw CommandError("this Kerta keeps its data in memory; there is nothing durable to back up")
        case .sqlite:
            // One read transaction: a consistent snapshot even while servers write (write-ahead log).
            try await (app.db as! any SQLDatabase).raw("VACUUM INTO \(bind: partial)").run()
            kind = .sqlite
        case .postgres(let url, let schema):
            var arguments = ["--format=custom", "--no-owner", "--no-privileges", "--file=\(partial)"]
            if let schema { arguments.append("--schema=\(schema)") }
            try PostgresTools.run("pg_dump", arguments, databaseURL: url)
            kind = .postgres
        }
        // A backup must survive a power cut like the data it copies: VACUUM INTO does not sync its file.
        try DurableFile.sync(partial)
        try FileManager.default.moveItem(atPath: partial, toPath: path)
        try DurableFile.syncFolder(of: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        context.console.print("Backup written: \(path) (\(kind.rawValue), \(size) bytes). Restore it with: kerta restore --from \(path)")
    }
}
