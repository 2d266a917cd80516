import Fluent
import Foundation
import KertaCore
import KertaPlatform
import Vapor

/// Public warnings: the feed (`/alerts.atom`, `/alerts/{identifier}.cap`, `/alerts.json`), the command room's
/// pages to draft, approve and publish (`/command/warnings`), and the same steps in the JSON API.
package struct WarningController: RouteCollection {
    package init() {}

    static let roomRoles: Set<Role> = [.operator, .supervisor, .admin]

    package func boot(routes: any RoutesBuilder) throws {
        routes.get(SitePath.alertsFeed.components, use: feed)
        routes.get("alerts.json") { req in try await Self.publicJSON(req) }
        routes.get("alerts", ":file", use: alert)
        let room = routes.grouped(RoleGuard(Self.roomRoles, answer: .page))
        room.get(SitePath.floodWarnings.components, use: listPage)
        room.post(SitePath.floodWarnings.components, use: draftForm)
        room.get(SitePath.floodWarning.components, use: detailPage)
        room.post(SitePath.floodWarningAct.components, use: moveForm)
    }

    /// `/api/v1/warnings…`, registered under the API group by the routes table.
    package struct API: RouteCollection {
        package init() {}
        package func boot(routes: any RoutesBuilder) throws {
            let room = routes.grouped(RoleGuard(WarningController.roomRoles, answer: .api))
            room.get("warnings", use: WarningController.listJSON)
            room.post("warnings", use: WarningController.draftJSON)
            room.post("warnings", ":id", ":move", use: WarningController.moveJSON)
        }
    }

    static func service(_ req: Request) -> WarningService {
        WarningService(db: req.db, hub: req.application.eventHub,
                       web: req.application.kertaConfiguration.publicURL + SitePath.flood.link(), now: { req.now })
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw DomainError(.notFound, code: "not_found", id: "Peringatan tidak ditemukan.", en: "Warning not found.")
        }
        return id
    }

    static func move(_ req: Request) throws -> WarningWorkflow.Move {
        guard let move = req.parameters.get("move").flatMap(WarningWorkflow.Move.init(rawValue:)) else {
            throw DomainError(.notFound, code: "not_found", id: "Langkah tidak dikenal.", en: "Unknown step.")
        }
        return move
    }

    // MARK: Public

    /// The warnings in force now, newest first: the flood page's list.
    static func inForce(_ req: Request) async throws -> [WarningView] {
        try await Warning.query(on: req.db).filter(\.$state == .published).filter(\.$expiresAt > req.now).sort(\.$sentAt, .descending).all()
            .map { try WarningView($0, language: req.language, viewer: nil, now: req.now) }
    }

    /// Every message ever published (in force, expired, superseded, cancelled), newest first: the record.
    static func published(_ req: Request, limit: Int = 50) async throws -> [Warning] {
        try await Warning.query(on: req.db).filter(\.$identifier != nil).sort(\.$sentAt, .descending).limit(limit).all()
    }

    @Sendable func feed(req: Request) async throws -> Response {
        let alerts = try await Self.published(req).compactMap(\.alert)
        let base = req.application.kertaConfiguration.publicURL
        let xml = CAPAtomFeed(baseURL: base).xml(alerts, updated: alerts.first?.sent ?? Date(timeIntervalSince1970: 0))
        return Response(status: .ok, headers: ["Content-Type": CAPAtomFeed.mediaType + "; charset=utf-8", "Cache-Control": "public, max-age=60"],
                        body: .init(string: xml))
    }

    /// `/alerts/{identifier}.cap` (CAP XML) and `/alerts.json` (every published message, in the reader's language).
    @Sendable func alert(req: Request) async throws -> Response {
        let file = req.parameters.get("file") ?? ""
        guard file.hasSuffix(".cap") else { throw Abort(.notFound) }
        let identifier = String(file.dropLast(4))
        guard let warning = try await Warning.query(on: req.db).filter(\.$identifier == identifier).first(), let alert = warning.alert else {
            throw Abort(.notFound, reason: "no alert \(identifier)")
        }
        return Response(status: .ok, headers: ["Content-Type": CAPEncoder.mediaType + "; charset=utf-8", "Cache-Control": "public, max-age=60"],
                        body: .init(string: CAPEncoder.xml(alert)))
    }

    package struct PublicList: Encodable {
        let warnings: [WarningView]
    }

    static func publicJSON(_ req: Request) async throws -> Response {
        let views = try await published(req).map { try WarningView($0, language: req.language, viewer: nil, now: req.now) }
        return try SensorJSON.response(PublicList(warnings: views))
    }

    // MARK: Pages

    package struct ListPage: Encodable {
        let warnings: [WarningView]
        let form: WarningForm
        let urgencies: [String]
        let severities: [String]
        let certainties: [String]
        let responseTypes: [String]
        let gauges: [GaugeOption]
        let canApprove: Bool
    }

    package struct GaugeOption: Encodable { let code: String; let name: String }

    package struct DetailPage: Encodable {
        let warning: WarningView
        let xml: String?
        let earlier: WarningView?
        let updateForm: WarningForm
    }

    @Sendable func listPage(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let warnings = try await Warning.query(on: req.db).sort(\.$createdAt, .descending).limit(100).all()
            .map { try WarningView($0, language: req.language, viewer: user, now: req.now) }
        let gauges = try await FloodGauge.query(on: req.db).sort(\.$code).all()
        let chosen = req.queryText("gauge").flatMap { code in gauges.first { $0.code == code } }
        let form = WarningForm.suggestion(for: chosen, alarmID: req.queryText("alarm"), now: req.now)
        let page = ListPage(warnings: warnings, form: form,
                            urgencies: CAPUrgency.allCases.filter { $0 != .unknown }.map(\.rawValue),
                            severities: CAPSeverity.allCases.filter { $0 != .unknown }.map(\.rawValue),
                            certainties: CAPCertainty.allCases.filter { $0 != .unknown }.map(\.rawValue),
                            responseTypes: CAPResponseType.allCases.map(\.rawValue),
                            gauges: gauges.map { GaugeOption(code: $0.code, name: $0.name) }, canApprove: WarningWorkflow.mayApprove(user.role))
        return try await req.page("warnings", title: "warnings_title", page)
    }

    @Sendable func detailPage(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let warning = try await Warning.find(try Self.id(req), on: req.db) else { throw Abort(.notFound) }
        let earlier = try await warning.referencesID.asyncMap { try await Warning.find($0, on: req.db) } ?? nil
        var update = WarningForm()
        if warning.state == .published {
            let content = try warning.content
            update.msg_type = "Update"
            update.references = warning.id?.uuidString.lowercased()
            update.headline_id = content.headline.id
            update.headline_en = content.headline.en
            update.instruction_id = content.instruction.id
            update.instruction_en = content.instruction.en
            update.expires = String(WITATimestamp.string(from: max(content.expires, req.now.addingTimeInterval(3 * 3600))).prefix(16))
        }
        let page = DetailPage(warning: try WarningView(warning, language: req.language, viewer: user, now: req.now),
                              xml: warning.alert.map(CAPEncoder.xml), earlier: try earlier.map { try WarningView($0, language: req.language, viewer: user, now: req.now) },
                              updateForm: update)
        return try await req.page("warning", title: "warnings_title", page)
    }

    static func draft(_ req: Request) async throws -> Warning {
        let form = try req.content.decode(WarningForm.self)
        var earlier: WarningContent?
        if let id = form.references.flatMap({ UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }), let found = try await Warning.find(id, on: req.db) {
            earlier = try found.content
        }
        let parsed = try form.parse(earlier: earlier)
        return try await service(req).draft(parsed.content, msgType: parsed.msgType, of: parsed.references, alarmID: parsed.alarmID, by: try req.requireUser())
    }

    @Sendable func draftForm(req: Request) async throws -> Response {
        let warning = try await Self.draft(req)
        return req.redirect(to: SitePath.floodWarning.link(try warning.requireID().uuidString.lowercased()), redirectType: .normal)
    }

    static func apply(_ req: Request) async throws -> Warning {
        let service = service(req)
        let user = try req.requireUser()
        let id = try id(req)
        switch try move(req) {
        case .approve: return try await service.approve(id, by: user)
        case .publish: return try await service.publish(id, by: user)
        case .withdraw: return try await service.withdraw(id, by: user)
        }
    }

    @Sendable func moveForm(req: Request) async throws -> Response {
        let warning = try await Self.apply(req)
        return req.redirect(to: SitePath.floodWarning.link(try warning.requireID().uuidString.lowercased()), redirectType: .normal)
    }

    // MARK: JSON

    @Sendable static func listJSON(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let views = try await Warning.query(on: req.db).sort(\.$createdAt, .descending).limit(100).all()
            .map { try WarningView($0, language: req.language, viewer: user, now: req.now) }
        return try SensorJSON.response(PublicList(warnings: views))
    }

    @Sendable static func draftJSON(req: Request) async throws -> Response {
        let warning = try await draft(req)
        return try SensorJSON.response(try WarningView(warning, language: req.language, viewer: try req.requireUser(), now: req.now), status: .created)
    }

    @Sendable static func moveJSON(req: Request) async throws -> Response {
        let warning = try await apply(req)
        return try SensorJSON.response(try WarningView(warning, language: req.language, viewer: try req.requireUser(), now: req.now))
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
