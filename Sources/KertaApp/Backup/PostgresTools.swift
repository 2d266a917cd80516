import Foundation
import KertaPlatform
import KertaComplaints

/// Runs PostgreSQL's own `pg_dump` and `pg_restore`: they are the supported way to copy a live
/// PostgreSQL database consistently (one snapshot) and to restore it, and an operator can use the
/// same files with them directly.
package struct PostgresTools {
    /// The newest installed version's binary: `pg_dump` refuses servers newer than itself.
    package static func locate(_ tool: String) throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions {
            let path = "\(root)/\(version)/bin/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw CommandError("\(tool) was not found; install PostgreSQL's client tools (Debian: apt-get install postgresql-client-15)")
    }

    /// A database URL without its password, and the password for `PGPASSWORD`: arguments can be read by
    /// every user of the machine (`ps`), a child's environment cannot.
    package static func connection(_ url: String) -> (url: String, password: String?) {
        guard var components = URLComponents(string: url), let password = components.password else { return (url, nil) }
        components.password = nil
        return (components.string ?? url, password.removingPercentEncoding ?? password)
    }

    /// Runs a tool against `databaseURL` to its end; its own error output becomes the failure's message.
    package static func run(_ tool: String, _ arguments: [String], databaseURL: String) throws {
        let (url, password) = connection(databaseURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try locate(tool))
        process.arguments = arguments + ["--dbname=\(url)"]
        var environment = ProcessInfo.processInfo.environment
        if let password { environment["PGPASSWORD"] = password }
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw CommandError("\(tool) failed (exit \(process.terminationStatus)): \(message)")
        }
    }
}
