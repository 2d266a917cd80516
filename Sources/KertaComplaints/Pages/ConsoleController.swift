import Fluent
import Foundation
import KertaCore
import Vapor
import KertaPlatform

/// The officer console: each role's queue, and the workspace where a complaint is handled with exactly
/// the moves the workflow allows this user. Signed-out visitors are sent to sign in and back.
package struct ConsoleController: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let console = routes.grouped(RoleGuard.staff(.page))
        console.get(SitePath.console.components, use: queue)
        console.get(SitePath.workspace.components, use: workspace)
        console.on(.POST, SitePath.workspaceAct.components, body: .collect(maxSize: "45mb"), use: act)
        console.post(SitePath.workspaceNote.components, use: note)
        console.post(SitePath.workspaceEscalate.components, use: escalate)
        console.post(SitePath.workspaceVisibility.components, use: changeVisibility)
    }

    package struct QueueItem: Encodable {
        package let card: ComplaintCard
        package let timeLeft: String
        package let urgency: String
    }

    package struct QueuePage: Encodable {
        package let heading: String
        package let filters: [String: String]
        /// The filters' choices, by name; officers see their own agency's reports only, so no agency filter.
        package let choices: FilterChoices
        package let agencyFilter: Bool
        package let items: [QueueItem]
        package let page: Int
        package let hasNext: Bool
    }

    @Sendable package func queue(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let query = Complaint.query(on: req.db)
        let heading: String
        switch user.role {
        case .verifier:
            query.filter(\.$status ~~ [ComplaintStatus.submitted, .referred])
            heading = req.words("console_heading_verifier")
        case .officer:
            query.filter(\.$agencyCode == user.$agency.id)
                .filter(\.$status ~~ ComplaintStatus.allCases.filter(\.isWithAgency))
            heading = req.words("console_heading_officer", ["agency": user.$agency.id ?? req.words("console_your_agency")])
        case .supervisor:
            query.group(.or) { $0.filter(\.$overdueAt != nil).filter(\.$escalatedAt != nil) }.filter(\.$status ~~ ComplaintStatus.allCases.filter(\.isOpen))
            heading = req.words("console_heading_supervisor")
        default:
            query.filter(\.$status ~~ ComplaintStatus.allCases.filter(\.isOpen))
            heading = req.words("console_heading_all")
        }
        let filter = try ComplaintFilter(from: req)
        filter.apply(to: query, viewer: user, isPostgres: req.db.isPostgres)
        let page = try req.queryInteger("page", default: 1, in: 1...10_000)
        let sort = req.queryText("sort") == "new" ? "new" : "due"
        if sort == "new" { query.sort(\.$submittedAt, .descending) } else { query.sort(\.$dueAt).sort(\.$submittedAt) }
        let rows = try await query.range(((page - 1) * 25)..<(page * 25 + 1)).all()
        let now = req.now
        let catalog = try await req.application.kertaCaches.catalog(on: req.db)
        let items = rows.prefix(25).map { c in
            let left = (c.dueAt ?? now).timeIntervalSince(now)
            return QueueItem(card: ComplaintCard(c, catalog: catalog, language: req.language), timeLeft: Self.describe(left, language: req.language),
                             urgency: left < 0 ? "late" : (left < 86400 ? "soon" : "ok"))
        }
        return try await req.page("console", title: "console_title", QueuePage(heading: heading, filters: ["status": req.queryText("status") ?? "", "category": req.queryText("category") ?? "",
                                                            "agency": req.queryText("agency") ?? "", "kecamatan": req.queryText("kecamatan") ?? "", "sort": sort],
                                                            choices: try await FilterChoices.load(req), agencyFilter: user.role != .officer,
                                                            items: Array(items), page: page, hasNext: rows.count > 25))
    }

    package static func describe(_ seconds: TimeInterval, language: Language) -> String {
        let hours = Int(abs(seconds) / 3600)
        let words = Catalogue.shared
        let text = hours >= 48 ? words.text("time_days", language, ["n": String(hours / 24)]) : words.text("time_hours", language, ["n": String(hours)])
        return seconds < 0 ? words.text("time_late", language, ["time": text]) : text
    }

    package struct Action: Encodable {
        package let to: String
        package let label: String
        package let needsNote: Bool
        package let needsReason: Bool
        package let needsAgency: Bool
        package let needsDuplicate: Bool
    }

    package struct WorkspacePage: Encodable {
        package let complaint: ComplaintView
        /// The codes above by name in the page's language, and the place rounded to what a map needs.
        package let words: WorkspaceWords
        package let history: [HistoryLine]
        package let nearby: [NearbyComplaint]
        package let actions: [Action]
        package let agencies: [AgencyDTO]
        package let templates: [String]
        package let marker: String
        package let error: String?
        /// Escalate and change visibility, when the rules offer them to this user.
        package var staffActions: StaffActionForms? = nil
    }

    @Sendable package func workspace(req: Request) async throws -> Response {
        try await workspacePage(req, error: nil)
    }

    private func workspacePage(_ req: Request, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let ticket = try req.parameters.require("ticket")
        let service = req.complaints
        let (complaint, actor) = try await service.find(ticket: ticket, user: req.user, accessKey: nil)
        let workflow = try await service.workflow()
        let presenter = ComplaintPresenter(db: req.db, workflow: workflow, caches: req.application.kertaCaches, now: req.now)
        let view = try await presenter.view(complaint, actor: actor) { "/api/v1/complaints/\(complaint.ticket)/photos/\($0.uuidString.lowercased())" }
        let history = try await presenter.history(complaint, actor: actor).map { HistoryLine($0, language: req.language) }
        let nearby = try await service.nearby(complaint.point, category: complaint.categoryCode, viewer: actor, excluding: complaint.id)
        let actions = workflow.availableMoves(complaint.facts, for: actor, at: req.now).map { to in
            let fields = ComplaintWorkflow.fields(for: to)
            return Action(to: to.rawValue, label: to.label.text(req.language), needsNote: fields.offers(.note), needsReason: fields.offers(.reason),
                          needsAgency: fields.offers(.agency), needsDuplicate: fields.offers(.duplicateOf))
        }
        let agencies = try await Agency.query(on: req.db).filter(\.$intake != "no").sort(\.$id).all().map(AgencyDTO.init)
        let catalog = try await req.application.kertaCaches.catalog(on: req.db)
        let words = WorkspaceWords(complaint, nearby: nearby, agencies: agencies, catalog: catalog, language: req.language)
        return try await req.page("workspace", title: "console_title",
                                  WorkspacePage(complaint: view, words: words, history: history, nearby: nearby, actions: actions, agencies: agencies,
                                                templates: try await Self.templates(for: complaint.categoryCode, language: req.language, on: req.db),
                                                marker: ComplaintCard.markers([ComplaintCard(complaint, catalog: catalog, language: req.language)]), error: error,
                                                staffActions: StaffActionForms(complaint, actor: actor, strings: req.strings)),
                                  status: status)
    }

    /// Response templates per kind of category, which officers adapt.
    package static func templates(for category: String, language: Language, on db: any Database) async throws -> [String] {
        let saved = try await ResponseTemplate.query(on: db)
            .group(.or) { $0.filter(\.$categoryCode == category).filter(\.$categoryCode == nil) }
            .sort(\.$createdAt).all().map(\.body)
        return saved + ResponseTemplates.builtIn(for: category, language: language)
    }


    package struct ActForm: Content {
        package let to: String?
        package let note: String?
        package let reason: String?
        package let agency: String?
        package let duplicate_of: String?
        package let photos: [File]?
    }

    @Sendable package func act(req: Request) async throws -> Response {
        let ticket = try req.parameters.require("ticket")
        let form = try req.content.decode(ActForm.self)
        do {
            guard let target = form.to.flatMap(ComplaintStatus.init(rawValue:)) else {
                throw APIError.invalid(field: "to", id: "pilih tindakan", en: "choose an action", status: .unprocessableEntity)
            }
            let photos = (form.photos ?? []).filter { $0.data.readableBytes > 0 }.map { Array($0.data.readableBytesView) }
            _ = try await req.complaints.transition(ticket: ticket, TransitionRequest(to: target, note: form.note, agency: form.agency,
                                                                                      duplicateOf: form.duplicate_of, reason: form.reason),
                                                    user: req.user, accessKey: nil, photos: photos)
            return req.redirect(to: SitePath.workspace.link(ticket), redirectType: .normal)
        } catch {
            return try await failed(req, error)
        }
    }

    package struct NoteForm: Content { let body: String?; let `internal`: String? }

    @Sendable package func note(req: Request) async throws -> Response {
        let ticket = try req.parameters.require("ticket")
        let form = try req.content.decode(NoteForm.self)
        do {
            _ = try await req.complaints.addUpdate(ticket: ticket, body: form.body, isInternal: form.internal == "on" || form.internal == "true",
                                                   user: req.user, accessKey: nil)
            return req.redirect(to: SitePath.workspace.link(ticket), redirectType: .normal)
        } catch {
            return try await failed(req, error)
        }
    }

    package struct EscalateForm: Content { let reason: String?; let priority: String? }

    /// A supervisor escalates from the workspace (``ComplaintService/escalate(ticket:_:user:)``).
    @Sendable package func escalate(req: Request) async throws -> Response {
        let ticket = try req.parameters.require("ticket")
        let form = try req.content.decode(EscalateForm.self)
        do {
            _ = try await req.complaints.escalate(ticket: ticket, try EscalationRequest(reason: form.reason, priority: form.priority), user: req.user)
            return req.redirect(to: SitePath.workspace.link(ticket), redirectType: .normal)
        } catch {
            return try await failed(req, error)
        }
    }

    package struct VisibilityForm: Content { let visibility: String?; let reason: String? }

    /// Staff change who may see the complaint (``ComplaintService/changeVisibility(ticket:_:user:)``).
    @Sendable package func changeVisibility(req: Request) async throws -> Response {
        let ticket = try req.parameters.require("ticket")
        let form = try req.content.decode(VisibilityForm.self)
        do {
            _ = try await req.complaints.changeVisibility(ticket: ticket, try VisibilityChangeRequest(visibility: form.visibility, reason: form.reason),
                                                          user: req.user)
            return req.redirect(to: SitePath.workspace.link(ticket), redirectType: .normal)
        } catch {
            return try await failed(req, error)
        }
    }

    private func failed(_ req: Request, _ error: any Error) async throws -> Response {
        let api = KertaErrorMiddleware.classify(error)
        guard api.status.code < 500, api.status != .notFound else { throw error }
        let text = api.sentence(req.language)
        return try await workspacePage(req, error: text, status: api.status)
    }
}
