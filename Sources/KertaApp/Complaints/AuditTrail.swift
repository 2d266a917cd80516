import Fluent
import Foundation
import KertaCore
import SQLKit

/// Appends to a complaint's hash-chained trail. Called inside the transaction that makes the change,
/// so a change and its entry are stored together or not at all.
enum AuditTrail {
    enum Action: String {
        case submitted, transition, assigned, visibility, update, rating, escalated, photo
    }

    /// Adds the entry and moves the complaint's head; the caller saves the complaint in the same transaction.
    @discardableResult
    static func append(_ action: Action, to complaint: Complaint, by actor: AuditActor, from: ComplaintStatus? = nil,
                       to: ComplaintStatus? = nil, note: String? = nil, data: [String: String]? = nil,
                       at now: Date, on db: any Database) async throws -> AuditEntry {
        guard let complaintID = complaint.id else { preconditionFailure("a complaint needs its id before its trail") }
        let dataText = data.flatMap { values -> String? in
            guard !values.isEmpty, let encoded = try? JSONEncoder.sortedKeys.encode(values) else { return nil }
            return String(decoding: encoded, as: UTF8.self)
        }
        let entry = AuditEntry()
        entry.id = UUID()
        entry.complaintID = complaintID
        entry.position = complaint.auditCount + 1
        entry.action = action.rawValue
        entry.actorID = actor.id
        entry.actorRole = actor.role
        entry.actorName = actor.name
        entry.fromStatus = from?.rawValue
        entry.toStatus = to?.rawValue
        entry.note = note
        entry.data = dataText
        entry.recordedAtMilliseconds = AuditRecord.milliseconds(now)
        entry.previousHash = complaint.auditHead
        entry.hash = Digest.sha256Hex(entry.record.canonicalText)
        // A plain row (AuditEntry+Rows.swift): Fluent's `create` reflects over the model's fields first.
        try await (db as! any SQLDatabase).insertRow(into: AuditEntry.schema, columns: AuditEntry.quotedColumnNames, values: entry.columnValues)
        entry.$id.exists = true
        complaint.auditHead = entry.hash
        complaint.auditCount = entry.position
        return entry
    }

    /// Checks every complaint's trail; returns the first break found, or nil when all are intact.
    static func verify(on db: any Database) async throws -> (ticket: String, failure: AuditChainCheck.Break)? {
        let check = AuditChainCheck(hash: Digest.sha256Hex)
        var seen = Set<UUID>()
        for complaint in try await Complaint.query(on: db).sort(\.$submittedAt).sort(\.$ticket).all() {
            guard let id = complaint.id else { continue }
            seen.insert(id)
            let entries = try await AuditEntry.query(on: db).filter(\.$complaintID == id).sort(\.$position).all()
            do {
                try check.verify(entries.map { .init(id: $0.id?.uuidString.lowercased() ?? "?", record: $0.record, hash: $0.hash) },
                                 head: complaint.auditHead, count: complaint.auditCount, currentStatus: complaint.status)
            } catch let failure as AuditChainCheck.Break {
                return (complaint.ticket, failure)
            }
        }
        // Entries whose complaint row is gone reveal a removed complaint.
        let orphan = try await AuditEntry.query(on: db).sort(\.$complaintID).sort(\.$position).all()
            .first { !seen.contains($0.complaintID) }
        if let orphan {
            return ("(complaint \(orphan.complaintID.uuidString.lowercased()))",
                    AuditChainCheck.Break(entryID: orphan.id?.uuidString.lowercased(), position: orphan.position,
                                          problem: "its complaint row was removed"))
        }
        return nil
    }
}

extension JSONEncoder {
    static var sortedKeys: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
