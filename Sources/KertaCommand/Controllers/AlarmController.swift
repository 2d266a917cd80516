import Foundation
import KertaCore
import KertaPlatform
import Vapor

/// `GET /api/v1/alarms`, `POST /api/v1/alarms/{id}/transitions`: the command room's alarms for programs
/// and for the dashboard's script (which signs in with its session cookie).
package struct AlarmController: RouteCollection {
    /// Reads may come from the dashboard's script with its session cookie; moves only with a bearer token,
    /// so a page elsewhere cannot make a signed-in operator's browser move an alarm (the dashboard's own
    /// forms post to `/command/alarms/{id}` with their CSRF token).
    package enum Part: Sendable { case reads, moves }

    package let part: Part

    package init(_ part: Part) { self.part = part }

    package func boot(routes: any RoutesBuilder) throws {
        switch part {
        case .reads:
            // Officers see their agency's alarms and figures; the command room acts on them.
            let room = routes.grouped(RoleGuard(CommandController.roomRoles, answer: .api))
            room.get("alarms", use: list)
            room.get("command", "kpis", use: CommandController().kpis)
        case .moves:
            routes.grouped(RoleGuard([.operator, .supervisor, .admin], answer: .api)).post("alarms", ":id", "transitions", use: transition)
        }
    }

    @Sendable package func list(req: Request) async throws -> AlarmList {
        let states = try Self.states(req.queryText("state"))
        try await req.alarmsReturned()
        return try await req.alarms.list(for: req.user, states: states)
    }

    package struct TransitionBody: Content {
        package let to: String?
        package let note: String?
        package let reason: String?
        package let until: String?
        /// Minutes from now, as the panel's form sends it (instead of `until`).
        package let minutes: Int?
    }

    @Sendable package func transition(req: Request) async throws -> AlarmDTO {
        let id = try Self.id(req)
        let body = try req.content.decode(TransitionBody.self)
        let move = try Self.move(body, now: req.now)
        let alarm = try await req.alarms.transition(id: id, move, by: try req.requireUser())
        return AlarmDTO(alarm, notes: try await req.alarms.notes(of: [id])[id] ?? [], viewer: req.user)
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else {
            throw DomainError(.notFound, code: "not_found", id: "Alarm tidak ditemukan.", en: "Alarm not found.")
        }
        return id
    }

    /// The move a body asks for, its field problems named.
    static func move(_ body: TransitionBody, now: Date) throws -> AlarmTransition {
        var problems = ProblemList()
        let target = body.to.flatMap { AlarmState(rawValue: $0.trimmingCharacters(in: .whitespaces).lowercased()) }
        if target == nil {
            problems.add("to", id: "pilih salah satu: " + AlarmState.allCases.map(\.rawValue).joined(separator: ", "),
                         en: "choose one of " + AlarmState.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var until: Date? = nil
        if let text = body.until.trimmedNonEmpty {
            until = WITATimestamp.date(from: text) ?? ISO8601DateFormatter().date(from: text)
            if until == nil { problems.add("until", id: "waktu tidak terbaca (ISO 8601)", en: "until is not an ISO 8601 time") }
        } else if let minutes = body.minutes {
            if minutes <= 0 || minutes > 1440 { problems.add("minutes", id: "1–1440 menit", en: "1 to 1440 minutes") }
            else { until = now.addingTimeInterval(Double(minutes) * 60) }
        }
        if !problems.isEmpty { throw DomainError.input(problems.problems, kind: .malformed) }
        return AlarmTransition(to: target!, note: body.note, reason: body.reason, until: until)
    }

    static func states(_ text: String?) throws -> Set<AlarmState>? {
        guard let text = text.trimmedNonEmpty else { return nil }
        var states = Set<AlarmState>()
        for part in text.split(separator: ",") {
            guard let state = AlarmState(rawValue: part.trimmingCharacters(in: .whitespaces)) else {
                throw DomainError.input(field: "state", id: "status alarm tidak dikenal: \(part)", en: "unknown alarm state \(part)", kind: .malformed)
            }
            states.insert(state)
        }
        return states
    }
}

extension Request {
    package var alarms: AlarmService { AlarmService(db: db, hub: application.eventHub, now: application.currentTime) }

    /// Shelved alarms whose time is up come back before anyone reads the list, jobs or not.
    package func alarmsReturned() async throws {
        try await alarms.returnExpiredShelves()
    }
}
