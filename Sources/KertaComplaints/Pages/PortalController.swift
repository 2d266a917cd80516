import Fluent
import Foundation
import KertaCore
import SQLKit
import Vapor
import KertaPlatform

/// The citizen portal: what happens in the city, the guided report (which works without JavaScript),
/// a complaint's page with the reporter's confirm/dispute/rate, the map, the agencies' performance, and
/// sign-in. Every change goes through the complaint service, as the API's do.
package struct PortalController: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        routes.get(SitePath.home.components, use: home)
        routes.get(SitePath.report.components, use: reportForm)
        routes.on(.POST, SitePath.report.components, body: .collect(maxSize: "45mb"), use: report)
        routes.get(SitePath.complaint.components, use: complaint)
        routes.post(SitePath.complaintRespond.components, use: respond)
        routes.post(SitePath.complaintFollow.components, use: follow)
        routes.get(SitePath.map.components, use: map)
        routes.get(SitePath.performance.components, use: performance)
        routes.get(SitePath.login.components, use: loginForm)
        routes.post(SitePath.login.components, use: login)
        routes.post(SitePath.logout.components, use: logout)
        routes.get(SitePath.account.components, use: account)
        routes.get(SitePath.language.components, use: switchLanguage)
    }

    // MARK: Home

    package struct StatusCount: Encodable { let status: String; let label: String; let count: Int }
    package struct Home: Encodable {
        package let recent: [ComplaintCard]
        package let counts: [StatusCount]
        package let ranking: [PerformanceLine]
        package let markers: String
    }

    @Sendable package func home(req: Request) async throws -> Response {
        // The home page is the most visited page: its newest public complaints are read at most every five
        // seconds per server and language, and counting (a scan of the whole table) every half minute.
        let db = req.db
        let language = req.language
        let caches = req.application.kertaCaches
        let catalog = try await caches.catalog(on: db)
        let cards = try await caches.recentCards.value(for: language.rawValue) {
            let query = Complaint.query(on: db)
            ComplaintFilter.restrictToReadable(query, viewer: nil)
            let recent = try await query.sort(\.$submittedAt, .descending).limit(12).allRows()
            return recent.map { ComplaintCard($0, catalog: catalog, language: language) }
        }
        let byStatus = try await req.application.kertaCaches.statusCounts.value(for: "public") {
            let rows = try await (db as! any SQLDatabase).raw("""
                SELECT status, COUNT(*) AS n FROM complaints WHERE visibility <> \(bind: ComplaintVisibility.confidential.rawValue) GROUP BY status
                """).all()
            var byStatus: [String: Int] = [:]
            for row in rows { byStatus[try row.decode(column: "status", as: String.self)] = try row.decode(column: "n", as: Int.self) }
            return byStatus
        }
        let counts = ComplaintStatus.allCases.map {
            StatusCount(status: $0.rawValue, label: $0.label.text(req.language), count: byStatus[$0.rawValue] ?? 0)
        }
        let (from, to) = PerformanceService.currentMonth(now: req.now)
        let ranking = try await caches.performance(from: from, to: to, on: db).filter { $0.rank != nil }
        return try await req.page("home", title: "home_title",
                                  Home(recent: cards, counts: counts,
                                       ranking: ranking.prefix(5).map { PerformanceLine($0, catalog: catalog, language: req.language) },
                                       markers: ComplaintCard.markers(cards)))
    }

    // MARK: Report

    package struct CategoryGroup: Encodable { let group: String; let items: [CategoryOption] }
    package struct CategoryOption: Encodable { let code: String; let name: String; let selected: Bool }
    /// The list of what to correct, above the form: each item names its field in words and links to it.
    package struct ErrorSummary: Encodable {
        package struct Item: Encodable {
            package let target: String
            /// Empty when the message already names its field ("«Seberapa besar kerusakannya?» wajib diisi").
            package let label: String
            package let message: String

            package init(target: String, label: String, message: String) {
                self.target = target
                self.label = message.lowercased().contains(label.lowercased()) ? "" : label
                self.message = message
            }
        }
        package let title: String
        package let items: [Item]
    }

    package struct ReportPage: Encodable {
        package let groups: [CategoryGroup]
        package let values: [String: String]
        package let errors: [String: String]
        package let errorSummary: ErrorSummary?
        package let duplicates: [NearbyComplaint]
        package let signedIn: Bool
        package let questions: [QuestionSet]
    }

    /// The form's fields by the names the complaint service gives them in its errors, with their labels.
    private static let fieldLabels: [(field: String, label: String)] = [
        ("category", "report_category"), ("lat", "report_lat"), ("lon", "report_lon"), ("address", "report_address"),
        ("description", "report_description"), ("photos", "report_photos"), ("visibility", "report_visibility"),
        ("reporter_name", "report_name"), ("reporter_email", "report_email"), ("reporter_phone", "report_phone"),
    ]

    private func reportPage(_ req: Request, values: [String: String], answers: ReportAnswers = ReportAnswers(fields: [:]),
                            errors: [String: String], summary: String?,
                            duplicates: [NearbyComplaint] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        let english = req.language == .english
        let categories = try await Category.query(on: req.db).filter(\.$active == true).sort(\.$groupID).sort(\.$nameID).all()
        var groups: [CategoryGroup] = []
        for (group, items) in Dictionary(grouping: categories, by: { english ? $0.groupEN : $0.groupID }).sorted(by: { $0.key < $1.key }) {
            groups.append(CategoryGroup(group: group, items: items.map {
                CategoryOption(code: $0.id ?? "", name: english ? "\($0.nameEN) · \($0.nameID)" : "\($0.nameID) · \($0.nameEN)", selected: values["category"] == $0.id)
            }))
        }
        var values = values
        if values["visibility"] == nil { values["visibility"] = "public" }
        let chosen = values["category"].trimmedNonEmpty?.uppercased()
        let questions = QuestionSet.all(categories: categories, attributes: req.application.serviceAttributes, chosen: chosen,
                                        answers: answers, errors: errors, language: req.language)
        return try await req.page("report", title: "report_title",
                                  ReportPage(groups: groups, values: values, errors: errors,
                                             errorSummary: Self.summary(req, errors: errors, questions: questions.first { $0.category == chosen }, text: summary),
                                             duplicates: duplicates, signedIn: req.user != nil, questions: questions),
                                  status: status)
    }

    /// What to correct, in the order of the form; a message that names no field (rare) stands alone.
    private static func summary(_ req: Request, errors: [String: String], questions: QuestionSet?, text: String?) -> ErrorSummary? {
        guard !errors.isEmpty || text != nil else { return nil }
        var items = fieldLabels.compactMap { field, label in
            errors[field].map { ErrorSummary.Item(target: field == "visibility" ? "visibility-public" : field, label: req.words(label), message: $0) }
        }
        for question in questions?.questions ?? [] {
            guard let message = question.error else { continue }
            items.append(.init(target: question.choices.first?.id ?? question.id, label: question.label, message: message))
        }
        if items.isEmpty { return ErrorSummary(title: text ?? req.words("report_failed"), items: []) }
        return ErrorSummary(title: req.words("report_fix_fields", ["count": String(items.count)]), items: items)
    }

    @Sendable package func reportForm(req: Request) async throws -> Response {
        var values: [String: String] = [:]
        for key in ["category", "lat", "lon"] { if let v = req.queryText(key) { values[key] = v } }
        return try await reportPage(req, values: values, errors: [:], summary: nil)
    }

    @Sendable package func report(req: Request) async throws -> Response {
        let form = try req.content.decode(ReportForm.self)
        let answers = ReportAnswers.read(req)
        let values: [String: String] = [
            "category": form.category ?? "", "description": form.description ?? "", "lat": form.lat ?? "", "lon": form.lon ?? "",
            "address": form.address ?? "", "visibility": form.visibility ?? "public", "reporter_name": form.reporter_name ?? "",
            "reporter_email": form.reporter_email ?? "", "reporter_phone": form.reporter_phone ?? "",
        ]
        let chosen = form.category.trimmedNonEmpty?.uppercased() ?? ""
        let questions = req.application.serviceAttributes[chosen] ?? []
        let filed = answers.filed(for: chosen, questions: questions)
        var errors: [String: String] = [:]
        // The questions are checked with the other fields, so the page lists every problem at once.
        do {
            _ = try ServiceAttribute.validate(filed, against: questions)
        } catch {
            try Self.collect(error, into: &errors, req)
        }
        do {
            var lat = form.lat.trimmedNonEmpty.map { Double($0.replacingOccurrences(of: ",", with: ".")) ?? .nan }
            var lon = form.lon.trimmedNonEmpty.map { Double($0.replacingOccurrences(of: ",", with: ".")) ?? .nan }
            // No coordinates: an address naming a desa/kelurahan places the report at its centre.
            if lat == nil, lon == nil, let address = form.address.trimmedNonEmpty,
               let centre = try await req.application.areaDirectory.centre(namedIn: address, on: req.db) {
                lat = centre.latitude
                lon = centre.longitude
            }
            var new = try NewComplaint(category: form.category, description: form.description, lat: lat, lon: lon, address: form.address,
                                       visibility: form.visibility, reporterName: form.reporter_name, reporterEmail: form.reporter_email,
                                       reporterPhone: form.reporter_phone, signedIn: req.user != nil)
            // The web form asks the questions, so a required one left unanswered is refused with its field named.
            new.attributes = filed
            if errors.isEmpty {
                let photos = (form.photos ?? []).filter { $0.data.readableBytes > 0 }.map { Array($0.data.readableBytesView) }
                let result = try await req.complaints.submit(new, photos: photos, user: req.user,
                                                             idempotencyKey: req.headers.first(name: "Idempotency-Key"))
                if let key = result.accessKey { req.session.data["key:\(result.complaint.ticket)"] = key }
                return req.redirect(to: SitePath.complaint.link(result.complaint.ticket) + "?new=1", redirectType: .normal)
            }
        } catch {
            try Self.collect(error, into: &errors, req)
        }
        return try await reportPage(req, values: values, answers: answers, errors: errors, summary: errors["form"], status: .unprocessableEntity)
    }

    /// A refusal's problems by the form's field names (`reporter.name` is `reporter_name`, `photos[2]` is
    /// `photos`, questions keep `attribute[code]`); errors of the server itself are not the form's to show.
    private static func collect(_ error: any Error, into errors: inout [String: String], _ req: Request) throws {
        let api = KertaErrorMiddleware.classify(error)
        guard api.status.code < 500 else { throw error }
        if api.fields.isEmpty { errors["form"] = api.text.text(req.language); return }
        for field in api.fields {
            let name = field.field.replacingOccurrences(of: "reporter.", with: "reporter_").replacingOccurrences(of: #"photos\[\d+\]"#, with: "photos", options: .regularExpression)
            var text = field.text.text(req.language)
            // "reporter.name is required" reads "Name is required": the field by its label, not its code.
            if let label = fieldLabels.first(where: { $0.field == name })?.label, text.hasPrefix(field.field + " ") {
                text = req.words(label) + text.dropFirst(field.field.count)
            }
            errors[name] = (errors[name].map { $0 + " " } ?? "") + text
        }
    }

    // MARK: A complaint's page

    package struct ComplaintPage: Encodable {
        package let complaint: ComplaintView
        package let status: NamedCode
        package let category: NamedCode
        package let agency: NamedCode?
        package let visibility: NamedCode
        package let history: [HistoryLine]
        package let isNew: Bool
        package let accessKey: String?
        package let canRespond: Bool
        package let canRate: Bool
        package let canFollow: Bool
        package let followed: Bool
        package let signedIn: Bool
        package let error: String?
    }

    private func accessKey(_ req: Request, _ ticket: String) -> String? {
        // Only a visitor who has a session (one who reported from this browser, or signed in) can have a key in
        // it; asking anyone else's would create an empty session row for them.
        req.queryText("key") ?? (req.hasSession ? req.session.data["key:\(ticket.uppercased())"] : nil)
    }

    @Sendable package func complaint(req: Request) async throws -> Response {
        try await complaintPage(req, error: nil)
    }

    private func complaintPage(_ req: Request, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let ticket = try req.parameters.require("ticket")
        let service = req.complaints
        let key = accessKey(req, ticket)
        let (complaint, actor) = try await service.find(ticket: ticket, user: req.user, accessKey: key)
        let presenter = ComplaintPresenter(db: req.db, workflow: try await service.workflow(), caches: req.application.kertaCaches, now: req.now)
        let view = try await presenter.view(complaint, actor: actor) { "/api/v1/complaints/\(complaint.ticket)/photos/\($0.uuidString.lowercased())" + (key.map { "?key=\($0)" } ?? "") }
        let history = ComplaintAccess.canSeeHistory(complaint.facts, by: actor) ? try await presenter.history(complaint, actor: actor) : []
        let canRespond = actor.isReporter && complaint.status == .resolved
        let canRate = actor.isReporter && complaint.resolvedAt != nil && complaint.ratingStars == nil
        let catalog = try await req.application.kertaCaches.catalog(on: req.db)
        let language = req.language
        return try await req.page("complaint", title: "complaint_status",
                                  ComplaintPage(complaint: view, status: .status(complaint.status, language),
                                                category: .category(complaint.categoryCode, catalog, language),
                                                agency: .agency(complaint.agencyCode, catalog, language),
                                                visibility: .visibility(complaint.visibility, language),
                                                history: history.map { HistoryLine($0, language: language) }, isNew: req.queryText("new") != nil,
                                                accessKey: req.queryText("new") != nil ? key : nil, canRespond: canRespond, canRate: canRate,
                                                canFollow: !actor.isReporter && complaint.status.isOpen, followed: req.queryText("followed") != nil,
                                                signedIn: req.user != nil, error: error),
                                  status: status)
    }

    package struct RespondForm: Content {
        package let action: String?
        package let reason: String?
        package let stars: String?
        package let comment: String?
    }

    /// The reporter confirms, disputes or rates.
    @Sendable package func respond(req: Request) async throws -> Response {
        let ticket = try req.parameters.require("ticket")
        let form = try req.content.decode(RespondForm.self)
        let key = accessKey(req, ticket)
        do {
            switch form.action {
            case "confirm": _ = try await req.complaints.transition(ticket: ticket, TransitionRequest(to: .closed), user: req.user, accessKey: key)
            case "dispute": _ = try await req.complaints.transition(ticket: ticket, TransitionRequest(to: .reopened, reason: form.reason), user: req.user, accessKey: key)
            case "rate": _ = try await req.complaints.rate(ticket: ticket, stars: Int(form.stars ?? "") ?? 0, comment: form.comment, user: req.user, accessKey: key)
            default: throw APIError.invalid(field: "action", "unknown action")
            }
            return req.redirect(to: SitePath.complaint.link(ticket), redirectType: .normal)
        } catch {
            let api = KertaErrorMiddleware.classify(error)
            guard api.status.code < 500 else { throw error }
            let text = api.sentence(req.language)
            return try await complaintPage(req, error: text, status: api.status)
        }
    }

    package struct FollowForm: Content { let email: String? }

    /// Instead of reporting the same problem again, a resident follows the open report and hears of its progress.
    @Sendable package func follow(req: Request) async throws -> Response {
        let ticket = try req.parameters.require("ticket")
        let (complaint, _) = try await req.complaints.find(ticket: ticket, user: req.user, accessKey: nil)
        let email = try req.content.decode(FollowForm.self).email.trimmedNonEmpty?.lowercased()
        guard req.user != nil || (email.map(EmailAddress.isPlausible) ?? false) else {
            return try await complaintPage(req, error: req.words("follow_email_needed"), status: .unprocessableEntity)
        }
        let id = try complaint.requireID()
        let already = try await ComplaintFollower.query(on: req.db).filter(\.$complaintID == id)
            .group(.or) { group in
                if let user = req.user?.id { group.filter(\.$userID == user) }
                if let email { group.filter(\.$email == email) }
            }.count()
        if already == 0 {
            try await ComplaintFollower(complaintID: id, userID: req.user?.id, email: req.user == nil ? email : nil, viaTicket: nil).create(on: req.db)
        }
        return req.redirect(to: SitePath.complaint.link(complaint.ticket) + "?followed=1", redirectType: .normal)
    }

    // MARK: Map, performance, account

    package struct MapPage: Encodable {
        package let items: [ComplaintCard]
        package let markers: String
        package let choices: FilterChoices
        package let total: Int
        package let query: [String: String]
    }

    @Sendable package func map(req: Request) async throws -> Response {
        let filter = try ComplaintFilter(from: req)
        let query = Complaint.query(on: req.db)
        filter.apply(to: query, viewer: req.user, isPostgres: req.db.isPostgres)
        let total = try await query.copy().count()
        let catalog = try await req.application.kertaCaches.catalog(on: req.db)
        let items = try await query.sort(\.$submittedAt, .descending).limit(300).all().map { ComplaintCard($0, catalog: catalog, language: req.language) }
        return try await req.page("map", title: "map_title",
                                  MapPage(items: items, markers: ComplaintCard.markers(items), choices: try await FilterChoices.load(req), total: total,
                                          query: Dictionary(uniqueKeysWithValues: ["from", "to", "q"].map { ($0, req.queryText($0) ?? "") })))
    }

    package struct PerformancePage: Encodable { let rows: [PerformanceLine]; let from: String; let to: String; let chart: String }

    @Sendable package func performance(req: Request) async throws -> Response {
        let (from, to) = PerformanceService.currentMonth(now: req.now)
        // The page shows the last three months, so the table is full early in a month too.
        let start = Calendar.wita.date(byAdding: .month, value: -2, to: from) ?? from
        let rows = try await req.application.kertaCaches.performance(from: start, to: to, on: req.db)
        let chart = (try? JSONEncoder().encode(rows.prefix(12).map { ["agency": $0.agency, "within": String($0.percentWithinDeadline ?? 0)] })).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        let catalog = try await req.application.kertaCaches.catalog(on: req.db)
        return try await req.page("performance", title: "perf_title",
                                  PerformancePage(rows: rows.map { PerformanceLine($0, catalog: catalog, language: req.language) }, from: String(WITATimestamp.string(from: start).prefix(10)),
                                                  to: String(WITATimestamp.string(from: to).prefix(10)), chart: chart))
    }

    package struct AccountPage: Encodable { let items: [ComplaintCard] }

    @Sendable package func account(req: Request) async throws -> Response {
        guard let user = req.user else { return req.redirectToSignIn() }
        let items = try await Complaint.query(on: req.db).filter(\.$reporterUserID == user.id).sort(\.$submittedAt, .descending).limit(100).all()
        let catalog = try await req.application.kertaCaches.catalog(on: req.db)
        return try await req.page("account", title: "account_title", AccountPage(items: items.map { ComplaintCard($0, catalog: catalog, language: req.language) }))
    }

    // MARK: Sign-in and language

    package struct LoginPage: Encodable { let next: String; let email: String; let error: String? }
    package struct LoginForm: Content { let email: String?; let password: String?; let next: String? }

    /// Only paths on this site, so the sign-in cannot be used to send people elsewhere.
    package static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    @Sendable package func loginForm(req: Request) async throws -> Response {
        try await req.page("login", title: "login_title", LoginPage(next: Self.safeNext(req.queryText("next")), email: "", error: nil))
    }

    @Sendable package func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        do {
            let user = try await SignInService(db: req.db, hasher: req.password.async, now: req.application.currentTime).authenticate(email: form.email, password: form.password)
            // A new session id on sign-in, so a session id planted before cannot be taken over.
            if let old = req.session.id {
                try await SessionRecord.query(on: req.db).filter(\.$key == old).delete()
                req.session.id = nil
            }
            req.auth.login(user)
            req.session.authenticate(user)
            return req.redirect(to: Self.safeNext(form.next), redirectType: .normal)
        } catch {
            let api = KertaErrorMiddleware.classify(error)
            guard api.status.code < 500 else { throw error }
            let response = try await req.page("login", title: "login_title",
                                              LoginPage(next: Self.safeNext(form.next), email: form.email ?? "", error: api.text.text(req.language)),
                                              status: api.status)
            for (name, value) in api.headers { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        }
    }

    @Sendable package func logout(req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: SitePath.home.link(), redirectType: .normal)
    }

    @Sendable package func switchLanguage(req: Request) async throws -> Response {
        let code = try req.parameters.require("code")
        let language = Language(rawValue: code) ?? .indonesian
        let response = req.redirect(to: Self.safeNext(req.queryText("next")), redirectType: .normal)
        response.cookies["lang"] = HTTPCookies.Value(string: language.rawValue, maxAge: 365 * 86400, path: "/", isHTTPOnly: false, sameSite: .lax)
        return response
    }
}
