import Fluent
import Foundation
import KertaCore
import KertaPlatform
import SQLKit

/// Drafting, approving and publishing public warnings, each step through the change recorder (the row, its
/// audit entry and its event in one transaction). Publishing freezes the CAP message; an Update or a Cancel
/// takes the earlier one out of force when it is itself published.
package struct WarningService: Sendable {
    package static let sender = "bpbd@denpasar.go.id"
    private static let numberLock: Int64 = 0x6B65_7274_615F_6361 // "kerta_ca"

    package let db: any Database
    package let recorder: ChangeRecorder
    package let now: @Sendable () -> Date
    /// The public flood page, for the messages' `<web>`.
    package let web: String

    package init(db: any Database, hub: EventHub?, web: String, now: @escaping @Sendable () -> Date) {
        self.db = db
        recorder = ChangeRecorder(db: db, hub: hub)
        self.web = web
        self.now = now
    }

    /// A new Alert, an Update of a published one, or a Cancel of one (whose content is the earlier one's,
    /// with its own headline).
    package func draft(_ content: WarningContent, msgType: CAPMessageType = .alert, of earlierID: UUID? = nil, alarmID: UUID? = nil,
                       by user: User) async throws -> Warning {
        guard WarningWorkflow.mayDraft(user.role) else { throw DomainError.forbidden }
        let now = now()
        return try await recorder.record { tx, change in
            var earlier: Warning?
            if msgType != .alert {
                guard let earlierID, let found = try await Warning.find(earlierID, on: tx) else {
                    throw DomainError.input(field: "references", id: "Peringatan yang diperbarui atau dibatalkan tidak ditemukan.",
                                            en: "The warning to update or cancel was not found.", kind: .invalid)
                }
                guard found.state == .published else {
                    throw DomainError(.conflict, code: "not_in_force", id: "Hanya peringatan yang sedang berlaku dapat diperbarui atau dibatalkan.",
                                      en: "Only a warning in force can be updated or cancelled.")
                }
                earlier = found
            }
            try Self.check(content, msgType: msgType, references: earlier.flatMap(\.alert).map { [$0] } ?? [], now: now, web: web)
            let warning = try Warning(content: content, msgType: msgType, referencesID: earlier?.id, alarmID: alarmID, by: user, at: now)
            change.audit("drafted", of: warning, by: Self.actor(user), to: WarningState.draft.rawValue,
                         data: ["msg_type": msgType.rawValue, "headline": content.headline.id], at: now)
            try await warning.create(on: tx)
            change.announce(.warning("drafted", warning, content, at: now))
            return warning
        }
    }

    package func approve(_ id: UUID, by user: User) async throws -> Warning {
        try await move(id, .approve, by: user)
    }

    package func publish(_ id: UUID, by user: User) async throws -> Warning {
        try await move(id, .publish, by: user)
    }

    package func withdraw(_ id: UUID, by user: User) async throws -> Warning {
        try await move(id, .withdraw, by: user)
    }

    private func move(_ id: UUID, _ move: WarningWorkflow.Move, by user: User) async throws -> Warning {
        let now = now()
        return try await recorder.record { tx, change in
            // Two approvers pressing at once: the row is taken first.
            try await tx.lockRows(Warning.schema, in: [id])
            guard let warning = try await Warning.find(id, on: tx) else {
                throw DomainError(.notFound, code: "not_found", id: "Peringatan tidak ditemukan.", en: "Warning not found.")
            }
            try WarningWorkflow.check(move, state: warning.state, drafter: warning.draftedByID, approver: warning.approvedByID,
                                      by: try user.requireID(), role: user.role)
            let before = warning.state
            let content = try warning.content
            switch move {
            case .approve:
                warning.state = .approved
                warning.approvedByID = user.id
                warning.approvedByName = user.name
                warning.approvedAt = now
            case .withdraw:
                warning.state = .withdrawn
            case .publish:
                var earlier: Warning?
                if let ref = warning.referencesID {
                    // Two Updates of one warning published at once: the second finds it no longer in force.
                    try await tx.lockRows(Warning.schema, in: [ref])
                    earlier = try await Warning.find(ref, on: tx)
                    guard let found = earlier, found.state == .published else {
                        throw DomainError(.conflict, code: "not_in_force", id: "Peringatan yang dirujuk sudah tidak berlaku.",
                                          en: "The warning it refers to is no longer in force.")
                    }
                }
                let references = earlier.flatMap(\.alert).map { [$0] } ?? []
                let identifier = try await Self.nextIdentifier(at: now, on: tx)
                let alert = content.alert(identifier: identifier, sender: Self.sender, sent: Self.sentTime(now, after: references), msgType: warning.msgType,
                                          references: references.map(CAPReference.init(to:)), web: web)
                let problems = CAPProfileCheck.problems(alert, known: Dictionary(references.map { ($0.identifier, $0) }, uniquingKeysWith: { $1 }))
                guard problems.isEmpty else { throw Self.refusal(problems) }
                warning.identifier = identifier
                warning.sentAt = alert.sent
                warning.alertJSON = try Warning.encode(alert)
                warning.publishedByName = user.name
                warning.state = .published
                if let earlier {
                    let was = earlier.state
                    earlier.state = warning.msgType == .cancel ? .cancelled : .superseded
                    earlier.updatedAt = now
                    change.audit(earlier.state.rawValue, of: earlier, by: Self.actor(user), from: was.rawValue, to: earlier.state.rawValue,
                                 data: ["by": identifier], at: now)
                    try await earlier.update(on: tx)
                }
            }
            warning.updatedAt = now
            change.audit(move.rawValue, of: warning, by: Self.actor(user), from: before.rawValue, to: warning.state.rawValue,
                         data: warning.identifier.map { ["identifier": $0] }, at: now)
            try await warning.update(on: tx)
            change.announce(.warning(warning.state.rawValue, warning, content, at: now))
            return warning
        }
    }

    /// What CAP and the Google Public Alerts profile require, checked on the draft as it would be sent.
    static func check(_ content: WarningContent, msgType: CAPMessageType, references: [CAPAlert], now: Date, web: String) throws {
        var problems = ProblemList()
        if content.headline.id.trimmingCharacters(in: .whitespaces).isEmpty || content.headline.en.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.add("headline", id: "Judul wajib diisi dalam bahasa Indonesia dan Inggris.", en: "A headline is needed in Indonesian and English.")
        }
        if content.instruction.id.trimmingCharacters(in: .whitespaces).isEmpty || content.instruction.en.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.add("instruction", id: "Arahan wajib diisi dalam bahasa Indonesia dan Inggris.", en: "Instructions are needed in Indonesian and English.")
        }
        if content.expires <= now { problems.add("expires", id: "Waktu berakhir harus di masa depan.", en: "The expiry must be in the future.") }
        if content.polygon.isEmpty && content.circle == nil {
            problems.add("area", id: "Wilayah peringatan perlu poligon atau lingkaran.", en: "The area needs a polygon or a circle.")
        }
        try problems.check()
        let preview = content.alert(identifier: "preview", sender: sender, sent: sentTime(now, after: references), msgType: msgType,
                                    references: references.map(CAPReference.init(to:)), web: web)
        let found = CAPProfileCheck.problems(preview, known: Dictionary(references.map { ($0.identifier, $0) }, uniquingKeysWith: { $1 }))
        guard found.isEmpty else { throw refusal(found) }
    }

    static func refusal(_ problems: [String]) -> DomainError {
        DomainError.input(problems.map { ValidationFailure.Problem(field: String($0.prefix { $0 != " " }), message: $0) })
    }

    /// `denpasar-bpbd-2026-0007`: unique, without spaces or commas (CAP forbids them), in order of publication.
    static func nextIdentifier(at now: Date, on db: any Database) async throws -> String {
        // Publications take their numbers one at a time (PostgreSQL: until the publishing transaction ends).
        if db.isPostgres { try await (db as! any SQLDatabase).raw("SELECT pg_advisory_xact_lock(\(bind: Self.numberLock))").run() }
        let year = Calendar.wita.component(.year, from: now)
        let prefix = "denpasar-bpbd-\(year)-"
        let published = try await Warning.query(on: db).filter(\.$identifier != nil).all(\.$identifier)
        let numbers = published.compactMap { $0 }.filter { $0.hasPrefix(prefix) }.compactMap { Int($0.dropFirst(prefix.count)) }
        return prefix + String(format: "%04d", (numbers.max() ?? 0) + 1)
    }

    /// A message is sent after the ones it refers to, to the second CAP writes, even when both go out within one.
    static func sentTime(_ now: Date, after references: [CAPAlert]) -> Date {
        max(wholeSecond(now), (references.map(\.sent).max() ?? .distantPast).addingTimeInterval(1))
    }

    /// CAP writes whole seconds; the stored time must be the one written, or a later reference would not match.
    static func wholeSecond(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    static func actor(_ user: User) -> AuditActor {
        AuditActor(user: user, fallbackName: user.name, isReporter: false)
    }
}
