import Fluent
import Foundation
import KertaCore
import SQLKit
import Vapor
import KertaPlatform

/// Open311 GeoReport v2 at `/open311/v2`, in XML and JSON, with the extensions real clients use
/// (`page`/`page_size`, `lat`/`long`/`radius`, `updated_after`, `extensions=true`, mySociety's
/// `servicerequestupdates`). Posting goes through the same complaint service as `/api/v1`.
package struct Open311Controller: RouteCollection {
    package init() {}

    package static let maximumWindowDays = 90.0
    package static let maximumResults = 1000

    package func boot(routes: any RoutesBuilder) throws {
        let v2 = routes.grouped(Open311ErrorMiddleware())
        v2.get(":resource", use: resource)
        v2.on(.POST, ":resource", body: .collect(maxSize: "45mb"), use: post)
        v2.get("services", ":code", use: serviceDefinition)
        v2.get("requests", ":id", use: singleRequest)
        v2.get("tokens", ":token", use: token)
        v2.get(.catchall) { _ -> Response in throw Open311Error(.notFound, "no such Open311 resource") }
    }

    // MARK: Routing by name and format

    @Sendable package func resource(req: Request) async throws -> Response {
        let (name, format) = try split(req, "resource")
        try checkJurisdiction(req)
        switch name {
        case "discovery": return discovery(req, format)
        case "services": return try await services(req, format)
        case "requests": return try await requests(req, format)
        case "servicerequestupdates": return try await updates(req, format)
        default: throw Open311Error(.notFound, "no such Open311 resource: \(name)")
        }
    }

    private func split(_ req: Request, _ parameter: String) throws -> (String, Open311Format) {
        guard let segment = req.parameters.get(parameter), let parts = Open311Format.split(segment) else {
            throw Open311Error(.notFound, "resources end in .xml or .json")
        }
        return parts
    }

    /// One city per endpoint: `denpasar.go.id` or no jurisdiction at all; anything else is not here.
    /// A posted request may name it in its form, which the caller has already read.
    private func checkJurisdiction(_ req: Request, form: Open311Form? = nil) throws {
        if let given = req.queryText("jurisdiction_id") ?? form?.first("jurisdiction_id"),
           given.lowercased() != req.application.kertaConfiguration.jurisdiction {
            throw Open311Error(.notFound, "jurisdiction_id \(given) is not served here; this endpoint serves \(req.application.kertaConfiguration.jurisdiction)")
        }
    }

    private func representation(_ req: Request) -> Open311Representation {
        Open311Representation(publicURL: req.application.kertaConfiguration.publicURL, cityName: req.application.kertaConfiguration.cityName,
                              language: req.language)
    }

    // MARK: Discovery and services

    package func discovery(_ req: Request, _ format: Open311Format) -> Response {
        let base = req.application.kertaConfiguration.publicURL
        let changeset = "2026-11-22T00:00:00+08:00"
        let node = Open311Node.object([
            ("changeset", .string(changeset)),
            ("contact", .string("\(req.application.kertaConfiguration.operatorName) — Pengaduan Rakyat Online (PRO)")),
            ("key_service", .string("API keys are issued by the city's Kerta administrators (kerta apikeys create --name …); ask \(req.application.kertaConfiguration.operatorName).")),
            ("endpoints", .list(element: "endpoint", [.object([
                ("specification", .string("http://wiki.open311.org/GeoReport_v2")),
                ("url", .string("\(base)/open311/v2")),
                ("changeset", .string(changeset)),
                ("type", .string(req.application.kertaConfiguration.isProduction ? "production" : "test")),
                ("formats", .list(element: "format", [.string("text/xml"), .string("application/json")])),
            ])])),
        ])
        return format.response(node, root: "discovery")
    }

    /// The list changes only with the categories, and partners poll it: it is encoded once per format and
    /// language and served from memory (an admin's edit shows here at once, on other servers within a minute).
    package func services(_ req: Request, _ format: Open311Format) async throws -> Response {
        let r = representation(req)
        let attributes = req.application.serviceAttributes
        let db = req.db
        let body = try await req.application.kertaCaches.open311Documents.value(for: "services.\(format.rawValue).\(req.language.rawValue)") {
            let categories = try await Category.query(on: db).filter(\.$active == true).sort(\.$id).all()
            let node = Open311Node.list(element: "service", categories.map { r.service($0, hasAttributes: !(attributes[$0.id ?? ""] ?? []).isEmpty) })
            return format.encode(node, root: "services")
        }
        return format.response(encoded: body)
    }

    @Sendable package func serviceDefinition(req: Request) async throws -> Response {
        let (code, format) = try split(req, "code")
        try checkJurisdiction(req)
        guard let category = try await Category.find(code.uppercased(), on: req.db), category.active, let id = category.id else {
            throw Open311Error(.notFound, "service_code \(code) not found")
        }
        let attributes = req.application.serviceAttributes[id] ?? []
        return format.response(representation(req).definition(code: id, attributes: attributes), root: "service_definition")
    }

    @Sendable package func token(req: Request) async throws -> Response {
        let (token, _) = try split(req, "token")
        try checkJurisdiction(req)
        // Every Kerta service is realtime: a request id is answered at once, so no token exists.
        throw Open311Error(.notFound, "token \(token) not found: Kerta's services are realtime and answer with service_request_id")
    }

    // MARK: Posting a request

    @Sendable package func post(req: Request) async throws -> Response {
        let (name, format) = try split(req, "resource")
        guard name == "requests" else { throw Open311Error(.notFound, "only requests can be posted") }
        let form = try Open311Form.read(req)
        try checkJurisdiction(req, form: form)
        let key: ApiKey
        do {
            key = try await ApiKeyService(db: req.db, now: req.application.currentTime).authorize(form.first("api_key"))
        } catch let refusal as ApiKeyService.Refusal {
            switch refusal {
            case .rateLimited: throw Open311Error(.tooManyRequests, "api_key has posted too many requests in the last minute; try again shortly")
            case .missing: throw Open311Error(.forbidden, "api_key is required to post a request")
            case .unknown, .revoked: throw Open311Error(.forbidden, "api_key is not valid")
            case .wrongScope: throw Open311Error(.forbidden, "api_key is a sensor key; Open311 needs a key made with --scope open311")
            }
        }
        guard let serviceCode = form.first("service_code") else { throw Open311Error(.badRequest, "service_code is required") }
        guard let category = try await Category.find(serviceCode.uppercased(), on: req.db), category.active else {
            throw Open311Error(.notFound, "service_code \(serviceCode) not found")
        }
        let point = try await location(form, on: req)
        let description = form.first("description") ?? ""
        if description.count > 4000 { throw Open311Error(.badRequest, "description must be at most 4000 characters") }
        let reporterName = [form.first("first_name"), form.first("last_name")].compactMap { $0 }.joined(separator: " ")
        var new = try NewComplaint(category: category.id, description: description.isEmpty ? nil : description,
                                   lat: point.latitude, lon: point.longitude, address: form.first("address_string"),
                                   visibility: "public", reporterName: reporterName.isEmpty ? "Warga via \(key.name)" : reporterName,
                                   reporterEmail: form.first("email"), reporterPhone: form.first("phone"), signedIn: false)
        new.attributes = form.attributes
        let idempotency = req.headers.first(name: "Idempotency-Key").map { "open311-\(key.id!.uuidString.lowercased())-\($0)" }
        let result = try await req.complaints.submit(new, photos: form.media, user: nil, idempotencyKey: idempotency)
        let complaint = result.complaint
        let notice = representation(req).notice(status: complaint.status, due: complaint.dueAt ?? complaint.submittedAt)
        let node = Open311Node.list(element: "request", [.object([
            ("service_request_id", .string(complaint.ticket)),
            ("service_notice", .string(notice)),
        ])])
        return format.response(node, root: "service_requests")
    }

    /// `lat`+`long`, or an `address_string` naming a desa/kelurahan or kecamatan of the city.
    private func location(_ form: Open311Form, on req: Request) async throws -> GeoPoint {
        let lat = form.first("lat"), long = form.first("long")
        if lat != nil || long != nil {
            guard let lat, let long, let latitude = Double(lat), let longitude = Double(long),
                  (-90...90).contains(latitude), (-180...180).contains(longitude) else {
                throw Open311Error(.badRequest, "lat and long must both be given, as WGS84 decimal degrees")
            }
            return GeoPoint(latitude: latitude, longitude: longitude)
        }
        guard let address = form.first("address_string") else {
            throw Open311Error(.badRequest, "a location is required: lat and long, or address_string")
        }
        guard let centre = try await req.application.areaDirectory.centre(namedIn: address, on: req.db) else {
            throw Open311Error(.badRequest, "address_string must name a desa/kelurahan or kecamatan of \(req.application.kertaConfiguration.cityName), or send lat and long")
        }
        return centre
    }

    // MARK: Reading requests

    @Sendable package func singleRequest(req: Request) async throws -> Response {
        let (id, format) = try split(req, "id")
        try checkJurisdiction(req)
        guard let ticket = TicketNumber(id),
              let complaint = try await byTicket(ticket.description, on: req.sql) else {
            throw Open311Error(.notFound, "service_request_id \(id) not found")
        }
        let nodes = try await render([complaint], req, extensions: req.queryText("extensions") == "true")
        return format.response(.list(element: "request", nodes), root: "service_requests")
    }

    package func requests(_ req: Request, _ format: Open311Format) async throws -> Response {
        var query = Open311Select()
        let extensions = try flag(req, "extensions")
        if let ids = req.queryText("service_request_id") {
            // A list of ids overrides every other filter.
            let tickets = ids.split(separator: ",").compactMap { TicketNumber($0.trimmingCharacters(in: .whitespaces))?.description }
            query.filter("ticket", in: tickets)
            let found = tickets.isEmpty ? [] : try await query.all(on: req.sql, orderBy: #""submitted_at" DESC"#)
            return format.response(.list(element: "request", try await render(found, req, extensions: extensions)), root: "service_requests")
        }
        if let codes = req.queryText("service_code") {
            query.filter("category_code", in: codes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
        }
        if let statuses = req.queryText("status") {
            var wanted: [String] = []
            for status in statuses.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
                guard let mapped = Open311Status.statuses(for: status) else { throw Open311Error(.badRequest, "status must be open, closed or both") }
                wanted += mapped.map(\.rawValue)
            }
            query.filter("status", in: wanted)
        }
        let (start, end) = try window(req)
        query.filter("submitted_at", ">=", start)
        query.filter("submitted_at", "<=", end)
        if let after = req.queryText("updated_after") {
            guard let date = WITATimestamp.date(from: after) else { throw Open311Error(.badRequest, "updated_after must be a W3C date-time with its time zone") }
            query.filter("updated_at", ">", date)
        }
        var circle: (GeoPoint, Double)?
        if req.queryText("lat") != nil || req.queryText("long") != nil || req.queryText("radius") != nil {
            guard let lat = req.queryText("lat").flatMap(Double.init), let long = req.queryText("long").flatMap(Double.init),
                  (-90...90).contains(lat), (-180...180).contains(long) else {
                throw Open311Error(.badRequest, "lat and long must both be given, as WGS84 decimal degrees")
            }
            let radius = try req.queryText("radius").map { text -> Double in
                guard let r = Double(text), r > 0, r <= 50_000 else { throw Open311Error(.badRequest, "radius must be metres, from 1 to 50000") }
                return r
            } ?? 1000
            let center = GeoPoint(latitude: lat, longitude: long)
            let box = BoundingBox(around: center, radius: radius)
            query.filter("latitude", ">=", box.minLatitude)
            query.filter("latitude", "<=", box.maxLatitude)
            query.filter("longitude", ">=", box.minLongitude)
            query.filter("longitude", "<=", box.maxLongitude)
            circle = (center, radius)
        }
        let pageSize = try integer(req, "page_size", default: Self.maximumResults, in: 1...Self.maximumResults)
        let page = try integer(req, "page", default: 1, in: 1...1_000_000)
        var found = try await query.all(on: req.sql, orderBy: #""submitted_at" DESC, "ticket" DESC"#, limit: pageSize, offset: (page - 1) * pageSize)
        if let (center, radius) = circle { found = found.filter { $0.point.distance(to: center) <= radius } }
        return format.response(.list(element: "request", try await render(found, req, extensions: extensions)), root: "service_requests")
    }

    /// mySociety's `servicerequestupdates`: every change of status of a public request in a window.
    package func updates(_ req: Request, _ format: Open311Format) async throws -> Response {
        let (start, end) = try window(req)
        let entries = try await AuditEntry.query(on: req.db).filter(\.$subjectType == Complaint.auditSubjectType).filter(\.$action == "transition")
            .filter(\.$recordedAtMilliseconds >= AuditRecord.milliseconds(start)).filter(\.$recordedAtMilliseconds <= AuditRecord.milliseconds(end))
            .sort(\.$recordedAtMilliseconds).limit(Self.maximumResults).all()
        let complaints = try await Complaint.query(on: req.db).filter(\.$id ~~ Set(entries.map(\.subjectID)))
            .filter(\.$visibility != ComplaintVisibility.confidential).all()
        let byID = Dictionary(uniqueKeysWithValues: complaints.compactMap { c in c.id.map { ($0, c) } })
        let nodes: [Open311Node] = entries.compactMap { entry in
            guard let complaint = byID[entry.subjectID], let to = entry.toStatus.flatMap(ComplaintStatus.init(rawValue:)) else { return nil }
            return .fields([
                ("update_id", .string(entry.id!.uuidString.lowercased())),
                ("service_request_id", .string(complaint.ticket)),
                ("status", .string(Open311Status.of(to))),
                ("external_status_code", .string(to.rawValue)),
                ("updated_datetime", .string(WITATimestamp.string(from: entry.recordedAt))),
                ("description", .string(entry.note ?? to.label.text(req.language))),
                ("media_url", nil),
            ])
        }
        return format.response(.list(element: "request_update", nodes), root: "service_request_updates")
    }

    /// `start_date`/`end_date`: at most 90 days apart, the last 90 days when absent; times need their zone.
    private func window(_ req: Request) throws -> (Date, Date) {
        func date(_ name: String) throws -> Date? {
            guard let text = req.queryText(name) else { return nil }
            guard let date = WITATimestamp.date(from: text) else {
                throw Open311Error(.badRequest, "\(name) must be a W3C date-time with its time zone, e.g. 2026-11-01T00:00:00+08:00")
            }
            return date
        }
        let span = Self.maximumWindowDays * 86400
        let start = try date("start_date"), end = try date("end_date")
        switch (start, end) {
        case let (s?, e?):
            guard e >= s else { throw Open311Error(.badRequest, "end_date must not be before start_date") }
            guard e.timeIntervalSince(s) <= span else { throw Open311Error(.badRequest, "start_date and end_date may be at most 90 days apart") }
            return (s, e)
        case let (s?, nil): return (s, s.addingTimeInterval(span))
        case let (nil, e?): return (e.addingTimeInterval(-span), e)
        case (nil, nil): let now = req.now; return (now.addingTimeInterval(-span), now)
        }
    }

    private func integer(_ req: Request, _ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = req.queryText(name) else { return value }
        guard let n = Int(text), range.contains(n) else { throw Open311Error(.badRequest, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)") }
        return n
    }

    private func flag(_ req: Request, _ name: String) throws -> Bool {
        guard let text = req.queryText(name)?.lowercased() else { return false }
        guard text == "true" || text == "false" else { throw Open311Error(.badRequest, "\(name) must be true or false") }
        return text == "true"
    }

    /// One public complaint by ticket.
    private func byTicket(_ ticket: String, on sql: any SQLDatabase) async throws -> Open311Request? {
        var query = Open311Select()
        query.filter("ticket", "=", ticket)
        return try await query.all(on: sql, limit: 1).first
    }

    private func render(_ complaints: [Open311Request], _ req: Request, extensions: Bool) async throws -> [Open311Node] {
        let categories = try await req.application.kertaCaches.catalog(on: req.db).categories
        let attachments = try await Open311Attachments.load(for: complaints.map(\.id), on: req.sql)
        let r = representation(req)
        return complaints.map { c in
            r.request(c, category: categories[c.categoryCode], photos: attachments.photos[c.id] ?? [],
                      notes: attachments.notes[c.id] ?? [], extensions: extensions)
        }
    }
}

extension Request {
    /// The request's database as SQLKit's (both engines Kerta runs on are SQL databases).
    package var sql: any SQLDatabase { db as! any SQLDatabase }
}

