import Fluent
import Foundation
import KertaCore
import KertaPlatform
import SQLKit
import Vapor

/// The command room's pages — `/command` (the dashboard, `?wall=1` for the video wall), `/command/alarm-load`
/// (supervisors), the alarm forms — and the public `/live`.
package struct CommandController: RouteCollection {
    package init() {}

    /// Operators, supervisors and admins; an agency's officers see their agency's part.
    package static let roomRoles: Set<Role> = [.operator, .supervisor, .admin, .officer]

    package func boot(routes: any RoutesBuilder) throws {
        let room = routes.grouped(RoleGuard(Self.roomRoles, answer: .page))
        room.get(SitePath.command.components, use: dashboard)
        room.grouped(RoleGuard([.operator, .supervisor, .admin], answer: .page)).post(SitePath.commandAlarmAct.components, use: act)
        routes.grouped(RoleGuard([.supervisor, .admin], answer: .page)).get(SitePath.commandLoad.components, use: alarmLoad)
        routes.get(SitePath.live.components, use: live)
    }

    @Sendable package func dashboard(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await req.alarmsReturned()
        let layers = req.application.commandLayers.filter { user.role != .officer || $0.forOfficers }
        var kpis = try await Self.figures(req)
        // The first paint shows the mean time to acknowledge in words and the time counted; the script keeps both current.
        if case .seconds(let mtta)? = kpis["mean_time_to_acknowledge_seconds"] {
            kpis["mtta_text"] = .text(mtta.map { Self.duration($0, req.language) } ?? "–")
        }
        kpis["at"] = .text(WITATimestamp.string(from: req.now))
        let page = CommandPage(wall: req.queryText("wall") == "1", canAct: AlarmWorkflow.mayAct(user.role), layers: layers,
                               language: req.language, list: try await req.alarms.list(for: user), kpis: kpis)
        return try await req.page("command", title: "command_title", page)
    }

    /// The panel's forms: without a script the page posts and comes back; the script asks for JSON.
    @Sendable package func act(req: Request) async throws -> Response {
        let id = try AlarmController.id(req)
        let body = try req.content.decode(AlarmController.TransitionBody.self)
        // Named, not matched: Vapor's media types let a browser's `*/*` equal JSON, and a form posted without the
        // script must come back as the page.
        let wantsJSON = req.headers[.accept].contains { $0.contains("application/json") }
        // A refusal is answered by the error middleware: JSON to the script, the error page to a browser.
        let alarm = try await req.alarms.transition(id: id, try AlarmController.move(body, now: req.now), by: try req.requireUser())
        if wantsJSON {
            return try await AlarmDTO(alarm, notes: try await req.alarms.notes(of: [id])[id] ?? [], viewer: req.user).encodeResponse(for: req)
        }
        return req.redirect(to: SitePath.command.link() + "#alarm-" + id.uuidString.lowercased(), redirectType: .normal)
    }

    package struct LoadPage: Encodable {
        package struct Row: Encodable { let source: String; let title: String; let count: Int }
        let window: String
        let periods: Int
        let alarmsPerOperator: String
        let operators: Int
        let floodPeriods: Int
        let floodShare: String
        let peak: String
        let mtta: String
        let noisiest: [Row]
        let verdict: String
    }

    @Sendable package func alarmLoad(req: Request) async throws -> Response {
        let (load, titles, operators) = try await req.alarms.load()
        let language = req.language
        let english = language == .english
        let perOperator = Numerals.decimal((load.perOperatorPerPeriod * 10).rounded() / 10, language)
        let verdict: String
        if load.floodPeriods > 0 {
            verdict = english ? "The room was flooded in \(load.floodPeriods) of \(load.periods) ten-minute periods (EEMUA 191: 10 or more alarms); look at the noisiest sources first."
                : "Ruang kendali kebanjiran alarm pada \(load.floodPeriods) dari \(load.periods) periode 10 menit (EEMUA 191: 10 alarm atau lebih); periksa sumber paling bising lebih dulu."
        } else if load.perOperatorPerPeriod <= 1 {
            verdict = english ? "Within EEMUA 191's guide: about one alarm per operator per ten minutes or fewer."
                : "Sesuai pedoman EEMUA 191: sekitar satu alarm per operator per 10 menit atau kurang."
        } else {
            verdict = english ? "Above EEMUA 191's guide of one alarm per operator per ten minutes: the rules may need tuning."
                : "Di atas pedoman EEMUA 191 (satu alarm per operator per 10 menit): aturan alarm mungkin perlu disetel."
        }
        let page = LoadPage(window: english ? "the last 24 hours" : "24 jam terakhir", periods: load.periods, alarmsPerOperator: perOperator,
                            operators: operators, floodPeriods: load.floodPeriods,
                            floodShare: Numerals.decimal((load.floodShare * 1000).rounded() / 10, language) + " %", peak: String(load.peak),
                            mtta: load.meanTimeToAcknowledge.map { Self.duration($0, language) } ?? "–",
                            noisiest: load.noisiest.map { LoadPage.Row(source: $0.source, title: titles[$0.source]?.text(language) ?? $0.source, count: $0.count) },
                            verdict: verdict)
        return try await req.page("command-load", title: "load_title", page)
    }

    package struct LivePage: Encodable {
        package struct Item: Encodable { let time: String; let title: String; let href: String; let kind: String }
        let streamURL = "/api/v1/events/stream?layers=complaints"
        let recent: [Item]
    }

    /// What residents may see of the live city: public events only, whoever asks.
    @Sendable package func live(req: Request) async throws -> Response {
        let store = EventStore(db: req.db as! any SQLDatabase)
        let since = max(0, try await store.latestID() - 400)
        let events = try await store.views(after: since, filter: EventFilter(viewer: EventViewer(role: nil, agencyCode: nil), layers: [.complaints]), limit: 400)
        let views = events.suffix(30).reversed()
        let items = views.map { view -> LivePage.Item in
            var href = ""
            if let subject = view.subject, let ref = subject.ref, let page = req.application.subjectPages[subject.type] { href = page.link(ref) }
            let kind: String = switch view.type {
            case "complaint.submitted": "submitted"
            case "complaint.resolved": "resolved"
            default: "other"
            }
            return LivePage.Item(time: WITATimestamp.string(from: view.time), title: view.title.text(req.language), href: href, kind: kind)
        }
        return try await req.page("live", title: "live_title", LivePage(recent: items))
    }

    /// `GET /api/v1/command/kpis`.
    @Sendable package func kpis(req: Request) async throws -> Response {
        var figures = try await Self.figures(req)
        figures["at"] = .text(WITATimestamp.string(from: req.now))
        let response = Response(status: .ok, body: .init(data: try JSONEncoder.kerta.encode(figures)))
        response.headers.contentType = .json
        response.headers.cacheControl = .init(noStore: true)
        return response
    }

    static func figures(_ req: Request) async throws -> [String: FigureValue] {
        var figures = try await req.alarms.figures(for: req.user)
        for source in req.application.commandFigures {
            figures.merge(try await source.figures(now: req.now, viewer: req.user, on: req.db)) { _, new in new }
        }
        return figures
    }

    static func duration(_ seconds: TimeInterval, _ language: Language) -> String {
        let total = Int(seconds.rounded())
        let minutes = total / 60, rest = total % 60
        return language == .english ? "\(minutes) min \(rest) s" : "\(minutes) mnt \(rest) dtk"
    }
}
