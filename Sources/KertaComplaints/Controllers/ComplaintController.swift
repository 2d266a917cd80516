import Fluent
import Foundation
import KertaCore
import Vapor
import KertaPlatform

/// `/api/v1/complaints`: report, follow, move through the workflow, respond, rate, and read the trail.
package struct ComplaintController: RouteCollection {
    /// Five photos at the largest allowed size, plus the form fields.
    package let maximumBodyBytes: Int

    package init(maximumBodyBytes: Int) {
        self.maximumBodyBytes = maximumBodyBytes
    }

    package func boot(routes: any RoutesBuilder) throws {
        let complaints = routes.grouped("complaints")
        complaints.on(.POST, body: .collect(maxSize: ByteCount(value: maximumBodyBytes)), use: submit)
        complaints.get(use: list)
        complaints.get("nearby", use: nearby)
        complaints.get(":ticket", use: show)
        complaints.get(":ticket", "history", use: history)
        complaints.get(":ticket", "photos", ":photo", use: photo)
        complaints.post(":ticket", "transitions", use: transition)
        complaints.post(":ticket", "updates", use: addUpdate)
        complaints.post(":ticket", "rating", use: rate)
        complaints.post(":ticket", "escalation", use: escalate)
        complaints.post(":ticket", "visibility", use: changeVisibility)
    }

    @Sendable package func submit(req: Request) async throws -> Response {
        let input = try req.content.decode(ComplaintSubmissionInput.self)
        let user = req.user
        var new = try NewComplaint(category: input.category, description: input.description, lat: input.lat, lon: input.lon,
                                   address: input.address, visibility: input.visibility, reporterName: input.reporter?.name,
                                   reporterEmail: input.reporter?.email, reporterPhone: input.reporter?.phone, signedIn: user != nil)
        new.attributes = input.attributes ?? [:]
        new.requireAnswers = false
        let photos = (input.photos ?? []).filter { $0.data.readableBytes > 0 }.map { Array($0.data.readableBytesView) }
        let result = try await req.complaints.submit(new, photos: photos, user: user,
                                                     idempotencyKey: req.headers.first(name: "Idempotency-Key"))
        let complaint = result.complaint
        let body = ComplaintCreated(
            ticket: complaint.ticket, status: complaint.status, category: complaint.categoryCode, agency: complaint.agencyCode,
            area: AreaRef(complaint), dueAt: complaint.dueAt.map(WITATimestamp.string(from:)),
            possibleDuplicates: result.possibleDuplicates, accessKey: result.accessKey,
            url: "\(req.application.kertaConfiguration.publicURL)/complaints/\(complaint.ticket)")
        let response = Response(status: result.replayed ? .ok : .created)
        try response.content.encode(body, as: .json)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/complaints/\(complaint.ticket)")
        if result.replayed { response.headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true") }
        return response
    }

    @Sendable package func show(req: Request) async throws -> ComplaintView {
        let ticket = try req.parameters.require("ticket")
        let service = req.complaints
        let (complaint, actor) = try await service.find(ticket: ticket, user: req.user, accessKey: req.complaintAccessKey)
        let view = try await ComplaintPresenter(db: req.db, workflow: try await service.workflow(), caches: req.application.kertaCaches, now: req.now)
            .view(complaint, actor: actor) { photo in
                "/api/v1/complaints/\(complaint.ticket)/photos/\(photo.uuidString.lowercased())"
            }
        return view
    }

    @Sendable package func list(req: Request) async throws -> ComplaintPage {
        let filter = try ComplaintFilter(from: req)
        let page = try req.queryInteger("page", default: 1, in: 1...100_000)
        let perPage = try req.queryInteger("per_page", default: 20, in: 1...100)
        let query = Complaint.query(on: req.db)
        filter.apply(to: query, viewer: req.user, isPostgres: req.db.isPostgres)
        let total = try await query.copy().count()
        let items = try await query.sort(\.$submittedAt, .descending).sort(\.$ticket, .descending)
            .range(((page - 1) * perPage)..<(page * perPage)).allRows()
        return ComplaintPage(items: items.map(ComplaintSummary.init), page: page, perPage: perPage, total: total)
    }

    @Sendable package func nearby(req: Request) async throws -> [NearbyComplaint] {
        let point = try req.queryPoint()
        guard let category = req.queryText("category")?.uppercased() else {
            throw APIError.invalid(field: "category", id: "category wajib diisi", en: "category is required")
        }
        let viewer = ComplaintActor(role: req.user?.role, agencyCode: req.user?.$agency.id, isReporter: false)
        return try await req.complaints.nearby(point, category: category, viewer: viewer)
    }

    @Sendable package func history(req: Request) async throws -> [HistoryEntry] {
        let ticket = try req.parameters.require("ticket")
        let service = req.complaints
        let (complaint, actor) = try await service.find(ticket: ticket, user: req.user, accessKey: req.complaintAccessKey)
        guard ComplaintAccess.canSeeHistory(complaint.facts, by: actor) else {
            throw req.user == nil ? APIError.unauthorized : APIError.forbidden
        }
        return try await ComplaintPresenter(db: req.db, workflow: try await service.workflow(), caches: req.application.kertaCaches, now: req.now).history(complaint, actor: actor)
    }

    @Sendable package func photo(req: Request) async throws -> Response {
        let ticket = try req.parameters.require("ticket")
        let (complaint, _) = try await req.complaints.find(ticket: ticket, user: req.user, accessKey: req.complaintAccessKey)
        guard let id = req.parameters.get("photo", as: UUID.self),
              let photo = try await ComplaintPhoto.query(on: req.db).filter(\.$id == id).filter(\.$complaint.$id == complaint.requireID()).first() else {
            throw APIError(.notFound, code: "not_found", id: "Foto tidak ditemukan.", en: "Photo not found.")
        }
        let response = Response(status: .ok, body: .init(data: photo.bytes))
        response.headers.contentType = HTTPMediaType(type: "image", subType: String(photo.contentType.dropFirst("image/".count)))
        // A photo's bytes never change, but its complaint can be made confidential later: shared caches may keep
        // a public one for an hour only, and a confidential one not at all; the browser keeps its own copy a day.
        let policy = complaint.visibility == .confidential ? "private, max-age=86400" : "public, max-age=86400, s-maxage=3600"
        response.headers.replaceOrAdd(name: .cacheControl, value: policy)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }

    @Sendable package func transition(req: Request) async throws -> ComplaintView {
        let ticket = try req.parameters.require("ticket")
        let input = try req.content.decode(TransitionInput.self)
        guard let raw = input.to.trimmedNonEmpty else {
            throw APIError.invalid(field: "to", id: "to (status tujuan) wajib diisi", en: "to is required", status: .unprocessableEntity)
        }
        guard let target = ComplaintStatus(rawValue: raw.lowercased()) else {
            let known = ComplaintStatus.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.invalid(field: "to", id: "status \(raw) tidak dikenal; pilihan: \(known)",
                                   en: "unknown status \(raw); choose from \(known)", status: .unprocessableEntity)
        }
        if req.user == nil && req.complaintAccessKey == nil { throw APIError.unauthorized }
        let request = TransitionRequest(to: target, note: input.note, agency: input.agency, duplicateOf: input.duplicateOf, reason: input.reason)
        _ = try await req.complaints.transition(ticket: ticket, request, user: req.user, accessKey: req.complaintAccessKey)
        return try await show(req: req)
    }

    @Sendable package func addUpdate(req: Request) async throws -> Response {
        let ticket = try req.parameters.require("ticket")
        let input = try req.content.decode(UpdateInput.self)
        if req.user == nil && req.complaintAccessKey == nil { throw APIError.unauthorized }
        let update = try await req.complaints.addUpdate(ticket: ticket, body: input.body, isInternal: input.internal ?? false,
                                                        user: req.user, accessKey: req.complaintAccessKey)
        let body = ComplaintView.Update(author: update.authorName, role: update.authorRole, body: update.body,
                                        internal: update.isInternal, at: WITATimestamp.string(from: update.createdAt))
        let response = Response(status: .created)
        try response.content.encode(body, as: .json)
        return response
    }

    @Sendable package func rate(req: Request) async throws -> ComplaintView {
        let ticket = try req.parameters.require("ticket")
        let input = try req.content.decode(RatingInput.self)
        guard let stars = input.stars else {
            throw APIError.invalid(field: "stars", id: "stars (1–5) wajib diisi", en: "stars (1–5) is required", status: .unprocessableEntity)
        }
        if req.user == nil && req.complaintAccessKey == nil { throw APIError.unauthorized }
        _ = try await req.complaints.rate(ticket: ticket, stars: stars, comment: input.comment, user: req.user, accessKey: req.complaintAccessKey)
        return try await show(req: req)
    }

    /// A supervisor escalates by hand: `{"reason", "priority"?: "high"}` → the complaint.
    @Sendable package func escalate(req: Request) async throws -> ComplaintView {
        let ticket = try req.parameters.require("ticket")
        let input = try req.content.decode(EscalationInput.self)
        guard req.user != nil else { throw APIError.unauthorized }
        let request = try EscalationRequest(reason: input.reason, priority: input.priority)
        _ = try await req.complaints.escalate(ticket: ticket, request, user: req.user)
        return try await show(req: req)
    }

    /// Staff change who may see it: `{"visibility", "reason"}` → the complaint (as the caller may still see it).
    @Sendable package func changeVisibility(req: Request) async throws -> ComplaintView {
        let ticket = try req.parameters.require("ticket")
        let input = try req.content.decode(VisibilityChangeInput.self)
        guard req.user != nil else { throw APIError.unauthorized }
        let request = try VisibilityChangeRequest(visibility: input.visibility, reason: input.reason)
        _ = try await req.complaints.changeVisibility(ticket: ticket, request, user: req.user)
        return try await show(req: req)
    }
}
