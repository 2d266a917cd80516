import Fluent
import Foundation
import KertaCore
import SQLKit

/// `kerta audit verify`: checks every subject's chain, of every registered kind, and notices entries whose
/// subject's row is gone.
package enum AuditVerifier {
    package struct Finding: Sendable, CustomStringConvertible {
        /// `complaint DPS-2026-000012`, or the type and id of a subject whose row was removed.
        package let subject: String
        package let failure: AuditChainCheck.Break

        package var description: String { "\(subject): \(failure)" }
    }

    package struct Summary: Sendable {
        package var subjects: [String: Int] = [:]
        package var entries = 0
    }

    /// The first break found, or nil when every trail is intact.
    package static func verify(_ kinds: [AuditSubjectKind], on db: any Database) async throws -> Finding? {
        try await run(kinds, on: db).finding
    }

    package static func run(_ kinds: [AuditSubjectKind], on db: any Database) async throws -> (finding: Finding?, summary: Summary) {
        let sql = db as! any SQLDatabase
        let check = AuditChainCheck(hash: Digest.sha256Hex)
        var summary = Summary()
        var seen = Set<UUID>()
        for kind in kinds {
            for listed in try await kind.heads(sql) {
                seen.insert(listed.id)
                summary.subjects[kind.type, default: 0] += 1
                var subject = listed
                var attempt = 0
                while true {
                    let entries = try await AuditEntry.query(on: db).filter(\.$subjectID == subject.id).sort(\.$position).all()
                    if attempt == 0 { summary.entries += entries.count }
                    let failure = Self.check(entries, of: subject, kind: kind.type, with: check)
                    guard let failure else { break }
                    // A change may have committed between the head and its entries: read both again once.
                    if attempt == 0, let now = try await kind.head(sql, subject.id) {
                        subject = now
                        attempt = 1
                        continue
                    }
                    return (Finding(subject: "\(kind.type) \(subject.label)", failure: failure), summary)
                }
            }
        }
        // Entries whose subject row is gone reveal a removed subject.
        let subjects = try await sql.raw("SELECT DISTINCT \"subject_type\", \"subject_id\" FROM \"audit_entries\"").all()
        for row in subjects {
            let id = try row.decode(column: "subject_id", as: UUID.self)
            guard !seen.contains(id) else { continue }
            let type = try row.decode(column: "subject_type", as: String.self)
            // Made after the list was read, not removed.
            if let kind = kinds.first(where: { $0.type == type }), try await kind.head(sql, id) != nil { continue }
            let first = try await AuditEntry.query(on: db).filter(\.$subjectID == id).sort(\.$position).first()
            return (Finding(subject: "\(type) \(id.uuidString.lowercased())",
                            failure: .init(entryID: first?.id?.uuidString.lowercased(), position: first?.position ?? 1,
                                           problem: "its \(type) row was removed")), summary)
        }
        return (nil, summary)
    }

    private static func check(_ entries: [AuditEntry], of subject: AuditSubjectKind.Head, kind: String,
                              with check: AuditChainCheck) -> AuditChainCheck.Break? {
        if let stranger = entries.first(where: { $0.subjectType != kind }) {
            return .init(entryID: stranger.id?.uuidString.lowercased(), position: stranger.position,
                         problem: "it names another subject type (\(stranger.subjectType))")
        }
        do {
            try check.verify(entries.map { .init(id: $0.id?.uuidString.lowercased() ?? "?", record: $0.record, hash: $0.hash) },
                             head: subject.head, count: subject.count, currentStatus: subject.status)
            return nil
        } catch let failure as AuditChainCheck.Break {
            return failure
        } catch {
            return .init(entryID: nil, position: 0, problem: "\(error)")
        }
    }
}
