import Fluent
import Foundation
import KertaCore
import KertaPlatform
import SQLKit

/// Every change to an alarm, each through the change recorder: the alarm row, its audit entry and its
/// event in one transaction.
package struct AlarmService: Sendable {
    package let db: any Database
    package let recorder: ChangeRecorder
    package let now: @Sendable () -> Date

    package init(db: any Database, hub: EventHub?, now: @escaping @Sendable () -> Date) {
        self.db = db
        recorder = ChangeRecorder(db: db, hub: hub)
        self.now = now
    }

    /// `unchanged`: a standing condition already alarmed, or an event already counted.
    package enum Outcome: Sendable, Equatable { case raised, repeated, unchanged }

    /// Raises a new alarm, or counts the active one of the same type and source again.
    @discardableResult
    package func raise(_ trigger: AlarmTrigger) async throws -> (Alarm, Outcome) {
        let now = now()
        return try await recorder.record { tx, change in
            let active = try await Alarm.query(on: tx).filter(\.$type == trigger.type).filter(\.$source == trigger.source)
                .filter(\.$state != .closed).sort(\.$firstAt, .descending).first()
            if let alarm = active {
                if trigger.isStanding { return (alarm, .unchanged) }
                if let event = trigger.eventID, let counted = alarm.lastEventID, event <= counted { return (alarm, .unchanged) }
                let before = alarm.state
                alarm.count += 1
                alarm.lastAt = max(alarm.lastAt, trigger.at)
                alarm.state = AlarmWorkflow.repeatState(of: before)
                if alarm.state != before { alarm.resolvedAt = nil }
                // What the cause says now: a complaint made confidential since takes its alarm with it.
                alarm.confidential = trigger.confidential
                alarm.latitude = trigger.point?.latitude
                alarm.longitude = trigger.point?.longitude
                alarm.agencyCode = trigger.agencyCode
                if let event = trigger.eventID { alarm.lastEventID = max(alarm.lastEventID ?? 0, event) }
                alarm.updatedAt = now
                change.audit("repeated", of: alarm, by: .system, from: before, to: alarm.state, data: ["count": String(alarm.count)], at: now)
                try await alarm.update(on: tx)
                change.announce(.alarm("repeated", alarm, at: now))
                return (alarm, .repeated)
            }
            let alarm = Alarm(trigger, raisedAt: now)
            change.audit("raised", of: alarm, by: .system, to: .open,
                         data: ["type": trigger.type, "source": trigger.source, "priority": trigger.priority.rawValue], at: now)
            try await alarm.create(on: tx)
            change.announce(.alarm("raised", alarm, at: now))
            return (alarm, .raised)
        }
    }

    /// Its cause is back to normal. An alarm someone has taken (acknowledged, in progress) is resolved; one
    /// nobody has acknowledged stays open, noted as back to normal, so what happened while no one looked is
    /// still seen (ISA-18.2's "returned to normal, unacknowledged"). True when an alarm changed.
    package func clear(_ trigger: AlarmTrigger) async throws -> Bool {
        let now = now()
        return try await recorder.record { tx, change in
            guard let alarm = try await Alarm.query(on: tx).filter(\.$type == trigger.type).filter(\.$source == trigger.source)
                .filter(\.$state ~~ [AlarmState.open, .acknowledged, .inProgress, .shelved]).sort(\.$firstAt, .descending).first() else { return false }
            if let event = trigger.eventID, let counted = alarm.lastEventID, event <= counted { return false }
            if let event = trigger.eventID { alarm.lastEventID = max(alarm.lastEventID ?? 0, event) }
            let before = alarm.state
            let note = AlarmNote(alarmID: try alarm.requireID(), at: now, author: "Kerta", body: trigger.title.id + " / " + trigger.title.en)
            try await note.create(on: tx)
            if before == .acknowledged || before == .inProgress {
                alarm.state = .resolved
                alarm.resolvedAt = now
            }
            alarm.updatedAt = now
            change.audit("cleared", of: alarm, by: .system, from: before, to: alarm.state, data: ["reason": trigger.title.en], at: now)
            try await alarm.update(on: tx)
            change.announce(.alarm(alarm.state == before ? "cleared" : AlarmState.resolved.rawValue, alarm, at: now))
            return true
        }
    }

    /// Moves an alarm as the workflow allows this user.
    package func transition(id: UUID, _ move: AlarmTransition, by user: User) async throws -> Alarm {
        let now = now()
        return try await recorder.record { tx, change in
            try await Self.lock(id, on: tx)
            guard let alarm = try await Alarm.find(id, on: tx) else { throw Self.notFound(id) }
            let from = alarm.state
            try AlarmWorkflow.check(from: from, move, role: user.role, at: now)
            alarm.state = move.to
            switch move.to {
            case .acknowledged:
                if alarm.acknowledgedAt == nil { alarm.acknowledgedAt = now }
                alarm.shelvedUntil = nil
                alarm.shelveReason = nil
            case .inProgress:
                alarm.assigneeID = user.id
                alarm.assigneeName = user.name
            case .resolved:
                alarm.resolvedAt = now
            case .closed:
                alarm.closedAt = now
            case .shelved:
                alarm.shelvedUntil = move.until
                alarm.shelveReason = move.reason
            case .open:
                break
            }
            alarm.updatedAt = now
            var data: [String: String] = [:]
            if let until = move.until, move.to == .shelved { data["until"] = WITATimestamp.string(from: until) }
            change.audit(move.to.rawValue, of: alarm, by: AuditActor(user: user, fallbackName: user.name, isReporter: false),
                         from: from, to: move.to, note: move.reason ?? move.note, data: data.isEmpty ? nil : data, at: now)
            try await alarm.update(on: tx)
            if let note = move.note {
                try await AlarmNote(alarmID: id, at: now, author: user.name, body: note).create(on: tx)
            }
            change.announce(.alarm(move.to.rawValue, alarm, at: now))
            return alarm
        }
    }

    /// Shelved alarms whose time is up come back as open; returns how many.
    @discardableResult
    package func returnExpiredShelves() async throws -> Int {
        let now = now()
        let due = try await Alarm.query(on: db).filter(\.$state == .shelved).filter(\.$shelvedUntil <= now).all()
        var returned = 0
        for candidate in due {
            let back = try await recorder.record { tx, change -> Bool in
                try await Self.lock(candidate.requireID(), on: tx)
                guard let alarm = try await Alarm.find(candidate.id, on: tx), alarm.state == .shelved,
                      let until = alarm.shelvedUntil, until <= now else { return false }
                alarm.state = .open
                alarm.shelvedUntil = nil
                alarm.updatedAt = now
                change.audit("returned", of: alarm, by: .system, from: .shelved, to: .open, note: "Penundaan berakhir / shelving expired", at: now)
                try await alarm.update(on: tx)
                change.announce(.alarm("returned", alarm, at: now))
                return true
            }
            if back { returned += 1 }
        }
        return returned
    }

    /// The panel's alarms: the active ones, newest activity first; an officer sees those of their agency.
    package func active(for user: User?, states: Set<AlarmState>? = nil, limit: Int = 500) async throws -> [Alarm] {
        let query = Self.visible(to: user, Alarm.query(on: db))
        if let states { query.filter(\.$state ~~ Array(states)) } else { query.filter(\.$state != .closed) }
        return try await query.sort(\.$lastAt, .descending).limit(limit).all()
    }

    /// Who sees which alarms, as they see the complaints behind them: an agency's officers their agency's;
    /// operators all but those about confidential complaints; supervisors and admins all.
    static func visible(to user: User?, _ query: QueryBuilder<Alarm>) -> QueryBuilder<Alarm> {
        switch user?.role {
        case .supervisor, .admin, .verifier: break
        case .officer: query.filter(\.$agencyCode == user?.$agency.id)
        default: query.filter(\.$confidential == false)
        }
        return query
    }

    package func notes(of ids: [UUID]) async throws -> [UUID: [AlarmNote]] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(grouping: try await AlarmNote.query(on: db).filter(\.$alarmID ~~ ids).sort(\.$at).all(), by: \.alarmID)
    }

    /// The row lock that serialises concurrent moves of one alarm (PostgreSQL; SQLite has one writer).
    static func lock(_ id: UUID, on tx: any Database) async throws {
        try await tx.lockRows(Alarm.schema, in: [id])
    }

    static func notFound(_ id: UUID) -> DomainError {
        DomainError(.notFound, code: "not_found", id: "Alarm \(id.uuidString.lowercased()) tidak ditemukan.", en: "Alarm \(id.uuidString.lowercased()) was not found.")
    }
}
