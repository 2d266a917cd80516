import Foundation
import KertaCore

/// What one change writes besides its own rows, collected while the change runs and written by the
/// ``ChangeRecorder`` at its end, in the same transaction: the audit entries, the outbox messages and the
/// events. A change that is refused throws before anything is collected, or its collection is thrown away
/// with its transaction; either way nothing of it is stored or announced.
///
/// Used by one task, inside one transaction.
package final class ChangeSet: @unchecked Sendable {
    private(set) var entries: [AuditEntry] = []
    private(set) var messages: [OutboxMessage] = []
    private(set) var events: [EventDraft] = []
    /// Subjects whose earlier public events must no longer be shown to the public (a complaint made confidential).
    private(set) var withdrawn: [(type: String, id: String, audience: EventAudience)] = []

    package var isEmpty: Bool { entries.isEmpty && messages.isEmpty && events.isEmpty && withdrawn.isEmpty }

    /// Chains an entry onto the subject's trail and moves its head; the change saves the subject afterwards.
    package func audit(_ action: String, of subject: some AuditedSubject, by actor: AuditActor, from: String? = nil, to: String? = nil,
               note: String? = nil, data: [String: String]? = nil, at now: Date) {
        let entry = Self.chainedEntry(action, of: subject, by: actor, from: from, to: to, note: note, data: data, at: now)
        entries.append(entry)
    }

    package func message(_ message: OutboxMessage) {
        messages.append(message)
    }

    package func announce(_ event: EventDraft) {
        events.append(event)
    }

    package func withdrawFromPublic(subjectType: String, id: String, to audience: EventAudience) {
        withdrawn.append((subjectType, id, audience))
    }

    /// The next entry of a subject's trail, hashed in the current canonical form; moves the subject's head.
    /// `kerta generate` builds its histories with it too, and hands them to ``ChangeRecorder/importHistory(_:on:)``.
    package static func chainedEntry(_ action: String, of subject: some AuditedSubject, by actor: AuditActor, from: String?, to: String?,
                             note: String?, data: [String: String]?, at now: Date) -> AuditEntry {
        let dataText = data.flatMap { values -> String? in
            guard !values.isEmpty, let encoded = try? JSONEncoder.sortedKeys.encode(values) else { return nil }
            return String(decoding: encoded, as: UTF8.self)
        }
        let entry = AuditEntry()
        entry.id = UUID()
        entry.subjectType = type(of: subject).auditSubjectType
        entry.subjectID = subject.auditSubjectID
        entry.position = subject.auditCount + 1
        entry.version = AuditRecord.currentVersion.rawValue
        entry.action = action
        entry.actorID = actor.id
        entry.actorRole = actor.role
        entry.actorName = actor.name
        entry.fromStatus = from
        entry.toStatus = to
        entry.note = note
        entry.data = dataText
        entry.recordedAtMilliseconds = AuditRecord.milliseconds(now)
        entry.previousHash = subject.auditHead
        entry.hash = Digest.sha256Hex(entry.record.canonicalText)
        subject.auditHead = entry.hash
        subject.auditCount = entry.position
        return entry
    }
}

extension JSONEncoder {
    package static var sortedKeys: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
