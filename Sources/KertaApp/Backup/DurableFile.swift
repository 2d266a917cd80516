import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KertaPlatform
import KertaComplaints

/// Puts a written file, and then its name, on disk before Kerta says it is done: a backup that a power cut
/// turned into an empty or half file under its final name is worse than none.
package enum DurableFile {
    package static func sync(_ path: String) throws {
        guard let handle = FileHandle(forUpdatingAtPath: path) else { throw CommandError("cannot open \(path) to sync it") }
        defer { try? handle.close() }
        try handle.synchronize()
    }

    /// The folder's entry for the file (after a rename).
    package static func syncFolder(of path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY)
        guard descriptor >= 0 else { throw CommandError("cannot open \(folder) to sync it") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw CommandError("cannot sync \(folder)") }
    }
}
