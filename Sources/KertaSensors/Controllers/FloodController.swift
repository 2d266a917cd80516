import Fluent
import Foundation
import KertaCore
import KertaPlatform
import Vapor

/// The public flood page `/banjir`, the gauges' JSON (`/api/v1/flood/gauges`), the dashboard's gauge layer,
/// and the operators' page for the gauges' scales (`/command/gauges`).
package struct FloodController: RouteCollection {
    package init() {}

    package static var layer: CommandLayer {
        CommandLayer(id: "gauges", name: LocalizedText(id: "Tinggi muka air", en: "River levels"), source: "/api/v1/command/layers/gauges",
                     eventLayer: .rivers,
                     filters: FloodLevel.allCases.map { CommandLayer.Filter(code: $0.code, name: $0.word) },
                     forOfficers: true)
    }

    package func boot(routes: any RoutesBuilder) throws {
        routes.get(SitePath.flood.components, use: page)
        let room = routes.grouped(RoleGuard([.operator, .supervisor, .admin], answer: .page))
        room.get(SitePath.floodGauges.components, use: gaugesPage)
        room.post(SitePath.floodGaugeThresholds.components, use: setThresholdsForm)
    }

    /// `/api/v1/...`: registered under the API group by the routes table.
    package struct API: RouteCollection {
        /// Reads go where a session may sign them (the dashboard's script); the one write takes a bearer token only.
        package enum Part: Sendable { case reads, writes }
        let part: Part
        package init(_ part: Part) { self.part = part }
        package func boot(routes: any RoutesBuilder) throws {
            switch part {
            case .reads:
                routes.get("flood", "gauges", use: FloodController.gaugesJSON)
                routes.get("flood", "areas", use: FloodController.areasJSON)
                routes.grouped(RoleGuard([.operator, .supervisor, .admin, .officer], answer: .api)).get("command", "layers", "gauges", use: FloodController.layerJSON)
            case .writes:
                routes.grouped(RoleGuard([.operator, .supervisor, .admin], answer: .api)).post("flood", "gauges", ":code", "thresholds", use: FloodController.setThresholdsJSON)
            }
        }
    }

    static func service(_ req: Request) -> FloodService { FloodService(db: req.db, now: { req.now }) }

    @Sendable func page(req: Request) async throws -> Response {
        let gauges = try await Self.service(req).gauges(language: req.language, staBase: STAController.path)
        let warnings = try await WarningController.inForce(req)
        return try await req.page("flood", title: "flood_title",
                                  FloodPage(gauges: gauges, warnings: warnings, areas: req.application.floodAreas, language: req.language))
    }

    package struct GaugesPage: Encodable {
        let gauges: [GaugeView]
        let levels: [FloodPage.LevelKey]
    }

    @Sendable func gaugesPage(req: Request) async throws -> Response {
        let gauges = try await Self.service(req).gauges(language: req.language, staBase: STAController.path)
        return try await req.page("flood-gauges", title: "gauges_title",
                                  GaugesPage(gauges: gauges, levels: FloodPage(gauges: [], warnings: [], areas: [], language: req.language).levels))
    }

    struct ThresholdsBody: Content {
        var waspada_cm: Double?
        var siaga_cm: Double?
        var awas_cm: Double?
        var effective_from: String?
        var basis: String?
    }

    static func setThresholds(_ req: Request) async throws -> FloodThreshold {
        let code = req.parameters.get("code") ?? ""
        let body = try req.content.decode(ThresholdsBody.self)
        var problems = ProblemList()
        if body.waspada_cm == nil { problems.add("waspada_cm", id: "wajib diisi", en: "is required") }
        if body.siaga_cm == nil { problems.add("siaga_cm", id: "wajib diisi", en: "is required") }
        if body.awas_cm == nil { problems.add("awas_cm", id: "wajib diisi", en: "is required") }
        var effective: Date?
        if let text = body.effective_from?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            effective = WarningForm.time(text, "effective_from", &problems)
        }
        if !problems.isEmpty { throw DomainError.input(problems.problems) }
        let thresholds = try FloodThresholds(waspada: body.waspada_cm!, siaga: body.siaga_cm!, awas: body.awas_cm!)
        return try await service(req).setThresholds(code: code, thresholds, effectiveFrom: effective, basis: body.basis ?? "", by: try req.requireUser(),
                                                    hub: req.application.eventHub)
    }

    @Sendable func setThresholdsForm(req: Request) async throws -> Response {
        _ = try await Self.setThresholds(req)
        return req.redirect(to: SitePath.floodGauges.link(), redirectType: .normal)
    }

    @Sendable static func setThresholdsJSON(req: Request) async throws -> Response {
        _ = try await setThresholds(req)
        let gauges = try await service(req).gauges(language: req.language, staBase: STAController.path)
        guard let gauge = gauges.first(where: { $0.code == req.parameters.get("code") }) else { throw Abort(.notFound) }
        return try SensorJSON.response(gauge, status: .created)
    }

    package struct GaugeList: Encodable {
        let gauges: [GaugeView]
    }

    @Sendable static func gaugesJSON(req: Request) async throws -> Response {
        try SensorJSON.response(GaugeList(gauges: try await service(req).gauges(language: req.language, staBase: STAController.path)))
    }

    package struct AreaList: Encodable {
        let areas: [FloodArea]
    }

    @Sendable static func areasJSON(req: Request) async throws -> Response {
        try SensorJSON.response(AreaList(areas: req.application.floodAreas))
    }

    /// The dashboard's layer: a point per gauge with a place, coloured by its level (few enough never to cluster).
    @Sendable static func layerJSON(req: Request) async throws -> Response {
        let gauges = try await service(req).gauges(language: req.language, staBase: STAController.path)
        let wanted = req.queryText("status").map { Set($0.split(separator: ",").map(String.init)) }
        let features: [JSONValue] = gauges.compactMap { gauge in
            guard let latitude = gauge.latitude, let longitude = gauge.longitude else { return nil }
            if let wanted, !wanted.contains(gauge.level.code) { return nil }
            return .object([
                ("type", .string("Feature")),
                ("geometry", .object([("type", .string("Point")), ("coordinates", .array([.double(longitude), .double(latitude)]))])),
                ("properties", .object([
                    ("kind", .string("gauge")), ("code", .string(gauge.code)), ("title", .string(gauge.name)),
                    ("level", .string(gauge.level.code)), ("level_word", .string(gauge.level.word)), ("colour", .string(gauge.level.colour)),
                    ("value_cm", gauge.lastValueCm.map(JSONValue.double) ?? .null), ("at", gauge.lastAt.map(JSONValue.string) ?? .null),
                    ("at_text", gauge.lastAtText.map(JSONValue.string) ?? .null),
                    ("rising", .bool(gauge.rising)), ("offline", .bool(gauge.offline)), ("url", .string(SitePath.flood.link() + "#gauge-" + gauge.code)),
                ])),
            ])
        }
        let body = JSONValue.object([("type", .string("FeatureCollection")), ("features", .array(features))])
        return Response(status: .ok, headers: ["Content-Type": "application/geo+json"], body: .init(string: body.text))
    }
}
