import Fluent
import Foundation
import KertaCore
import Vapor
import KertaPlatform

/// `/console/admin`: what admins configure — categories (names, group, agency, priority), agencies,
/// users and roles, Open311 API keys, and response templates.
package struct AdminController: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped(RoleGuard([.admin], answer: .page))
        admin.get(SitePath.admin.components, use: overview)
        admin.get(SitePath.adminCategory.components, use: categoryForm)
        admin.post(SitePath.adminCategory.components, use: saveCategory)
        admin.post(SitePath.adminAgencyToggle.components, use: toggleAgency)
        admin.post(SitePath.adminUsers.components, use: createUser)
        admin.post(SitePath.adminUser.components, use: updateUser)
        admin.post(SitePath.adminKeys.components, use: createKey)
        admin.post(SitePath.adminKeyRevoke.components, use: revokeKey)
        admin.post(SitePath.adminTemplates.components, use: createTemplate)
        admin.post(SitePath.adminTemplateDelete.components, use: deleteTemplate)
    }

    package struct UserRow: Encodable { let id: String; let email: String; let name: String; let role: NamedCode; let agency: String; let active: Bool }
    package struct KeyRow: Encodable { let id: String; let name: String; let prefix: String; let rate: Int; let active: Bool }
    /// `category` is nil for a template offered for every category.
    package struct TemplateRow: Encodable { let id: String; let category: NamedCode?; let body: String }
    /// A category in the admins' table: its names, agency and priority as people read them (the code
    /// stays in the edit link).
    package struct CategoryRow: Encodable { let code: String; let nameID: String; let nameEN: String; let group: String; let agency: String; let priority: NamedCode; let active: Bool }
    package struct Overview: Encodable {
        package let categories: [CategoryRow]
        package let agencies: [AgencyRow]
        package let users: [UserRow]
        package let keys: [KeyRow]
        package let templates: [TemplateRow]
        package let roles: [NamedCode]
        /// For the choices of the forms: agencies and categories by name, codes as the options' values.
        package let agencyChoices: [NamedCode]
        package let categoryChoices: [NamedCode]
        package let newKey: String?
        package let message: String?
    }
    package struct AgencyRow: Encodable { let code: String; let name: String; let intake: String; let active: Bool }

    @Sendable package func overview(req: Request) async throws -> Response {
        return try await overviewPage(req, newKey: nil, message: nil)
    }

    private func overviewPage(_ req: Request, newKey: String?, message: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let language = req.language
        let english = language == .english
        let catalog = try await req.application.kertaCaches.catalog(on: req.db)
        let categoryModels = try await Category.query(on: req.db).sort(\.$groupID).sort(\.$id).all()
        let categories = categoryModels.map {
            CategoryRow(code: $0.id ?? "", nameID: $0.nameID, nameEN: $0.nameEN,
                        group: english ? $0.groupEN : $0.groupID, agency: $0.$agency.id, priority: .priority($0.priority, language), active: $0.active)
        }
        let agencyModels = try await Agency.query(on: req.db).sort(\.$id).all()
        let agencies = agencyModels.map { AgencyRow(code: $0.id ?? "", name: english ? $0.nameEN : $0.nameID, intake: $0.intake, active: $0.active) }
        let users = try await User.query(on: req.db).sort(\.$role).sort(\.$email).all().map {
            UserRow(id: $0.id?.uuidString ?? "", email: $0.email, name: $0.name, role: .role($0.role, language), agency: $0.$agency.id ?? "", active: $0.active)
        }
        let keys = try await ApiKey.query(on: req.db).sort(\.$createdAt).all().map {
            KeyRow(id: $0.id?.uuidString ?? "", name: $0.name, prefix: $0.prefix, rate: $0.ratePerMinute, active: $0.revokedAt == nil)
        }
        let templates = try await ResponseTemplate.query(on: req.db).sort(\.$createdAt).all().map {
            TemplateRow(id: $0.id?.uuidString ?? "", category: $0.categoryCode.map { NamedCode.category($0, catalog, language) }, body: $0.body)
        }
        let categoryChoices = categoryModels.map { NamedCode(code: $0.id ?? "", name: english ? $0.nameEN : $0.nameID) }.sorted { $0.name < $1.name }
        return try await req.page("admin", title: "admin_title",
                                  Overview(categories: categories, agencies: agencies, users: users, keys: keys, templates: templates,
                                           roles: Role.allCases.map { NamedCode(code: $0.rawValue, name: Catalogue.shared.role($0, language)) },
                                           agencyChoices: agencyModels.map { NamedCode(code: $0.id ?? "", name: "\($0.id ?? "") — \(english ? $0.nameEN : $0.nameID)") },
                                           categoryChoices: categoryChoices, newKey: newKey, message: message), status: status)
    }

    private func failed(_ req: Request, _ error: any Error) async throws -> Response {
        let api = KertaErrorMiddleware.classify(error)
        guard api.status.code < 500 else { throw error }
        let text = api.sentence(req.language)
        return try await overviewPage(req, newKey: nil, message: text, status: api.status)
    }

    // MARK: Categories

    package struct CategoryPage: Encodable { let category: CategoryDTO; let heading: String; let agencies: [NamedCode]; let priorities: [NamedCode]; let active: Bool; let error: String? }

    @Sendable package func categoryForm(req: Request) async throws -> Response {
        guard let category = try await Category.find(req.parameters.get("code"), on: req.db) else { throw Abort(.notFound) }
        return try await categoryPage(req, category, error: nil)
    }

    private func categoryPage(_ req: Request, _ category: Category, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let english = req.language == .english
        let agencies = try await Agency.query(on: req.db).filter(\.$active == true).sort(\.$id).all()
            .map { NamedCode(code: $0.id ?? "", name: "\($0.id ?? "") — \(english ? $0.nameEN : $0.nameID)") }
        return try await req.page("admin-category", title: "admin_title",
                                  CategoryPage(category: CategoryDTO(category), heading: english ? category.nameEN : category.nameID, agencies: agencies,
                                               priorities: Priority.allCases.map { NamedCode(code: $0.rawValue, name: Catalogue.shared.priority($0, req.language)) },
                                               active: category.active, error: error), status: status)
    }

    package struct CategoryForm: Content {
        package let name_id: String?; let name_en: String?; let group_id: String?; let group_en: String?
        package let agency: String?; let priority: String?; let active: String?
    }

    @Sendable package func saveCategory(req: Request) async throws -> Response {
        guard let category = try await Category.find(req.parameters.get("code"), on: req.db) else { throw Abort(.notFound) }
        let form = try req.content.decode(CategoryForm.self)
        var problems = ProblemList()
        let names = [("name_id", form.name_id), ("name_en", form.name_en), ("group_id", form.group_id), ("group_en", form.group_en)]
        for (field, value) in names where value.trimmedNonEmpty == nil {
            // Named by the form's labels (admin_name_id…), not by the fields' codes.
            let words = Catalogue.shared
            problems.add(field, id: "\(words.text("admin_\(field)", .indonesian)) wajib diisi", en: "\(words.text("admin_\(field)", .english)) is required")
        }
        let agency = form.agency.trimmedNonEmpty?.uppercased()
        if let agency { if try await Agency.find(agency, on: req.db) == nil { problems.add("agency", id: "instansi \(agency) tidak dikenal", en: "there is no agency \(agency)") } }
        else { problems.add("agency", id: "agency wajib diisi", en: "agency is required") }
        let priority = form.priority.flatMap(Priority.init(rawValue:))
        if priority == nil { problems.add("priority", id: "prioritas tidak dikenal", en: "unknown priority") }
        if !problems.isEmpty {
            let text = problems.problems.map { $0.text.text(req.language) }.joined(separator: "; ")
            return try await categoryPage(req, category, error: text, status: .unprocessableEntity)
        }
        category.nameID = form.name_id!.trimmingCharacters(in: .whitespaces)
        category.nameEN = form.name_en!.trimmingCharacters(in: .whitespaces)
        category.groupID = form.group_id!.trimmingCharacters(in: .whitespaces)
        category.groupEN = form.group_en!.trimmingCharacters(in: .whitespaces)
        category.$agency.id = agency!
        category.priority = priority!
        category.active = form.active == "on" || form.active == "true"
        category.editedAt = req.now
        try await category.save(on: req.db)
        await req.application.kertaCaches.referenceChanged()
        return req.redirect(to: SitePath.admin.link() + "#categories", redirectType: .normal)
    }

    @Sendable package func toggleAgency(req: Request) async throws -> Response {
        guard let agency = try await Agency.find(req.parameters.get("code"), on: req.db) else { throw Abort(.notFound) }
        agency.active.toggle()
        try await agency.save(on: req.db)
        await req.application.kertaCaches.referenceChanged()
        return req.redirect(to: SitePath.admin.link() + "#agencies", redirectType: .normal)
    }

    // MARK: Users

    package struct NewUserForm: Content { let email: String?; let password: String?; let role: String?; let agency: String?; let name: String? }

    @Sendable package func createUser(req: Request) async throws -> Response {
        let form = try req.content.decode(NewUserForm.self)
        do {
            let account = try NewAccount(email: form.email, password: form.password, role: form.role, agency: form.agency, name: form.name)
            _ = try await AccountService(db: req.db, hasher: req.application.password.sync).create(account)
            return req.redirect(to: SitePath.admin.link() + "#users", redirectType: .normal)
        } catch {
            return try await failed(req, error)
        }
    }

    package struct UserForm: Content { let role: String?; let agency: String?; let active: String? }

    @Sendable package func updateUser(req: Request) async throws -> Response {
        let admin = try req.requireUser()
        guard let user = try await User.find(req.parameters.get("id", as: UUID.self), on: req.db) else { throw Abort(.notFound) }
        let form = try req.content.decode(UserForm.self)
        do {
            guard let role = form.role.flatMap(Role.init(rawValue:)) else { throw ValidationFailure(field: "role", id: "peran tidak dikenal", en: "unknown role") }
            let agency = form.agency.trimmedNonEmpty?.uppercased()
            if role.requiresAgency && agency == nil { throw ValidationFailure(field: "agency", id: "petugas harus punya OPD", en: "an officer needs an agency") }
            if let agency, try await Agency.find(agency, on: req.db) == nil { throw ValidationFailure(field: "agency", id: "instansi \(agency) tidak dikenal", en: "there is no agency \(agency)") }
            if user.id == admin.id && (role != .admin || form.active != "on") {
                throw ValidationFailure(field: "role", id: "Anda tidak dapat mencabut akses admin Anda sendiri", en: "you cannot remove your own admin access")
            }
            user.role = role
            user.$agency.id = agency
            user.active = form.active == "on"
            try await user.save(on: req.db)
            if !user.active { try await UserToken.query(on: req.db).filter(\.$user.$id == user.requireID()).delete() }
            return req.redirect(to: SitePath.admin.link() + "#users", redirectType: .normal)
        } catch {
            return try await failed(req, error)
        }
    }

    // MARK: API keys and templates

    package struct KeyForm: Content { let name: String?; let rate: String? }

    @Sendable package func createKey(req: Request) async throws -> Response {
        let form = try req.content.decode(KeyForm.self)
        guard let name = form.name.trimmedNonEmpty else { return try await failed(req, ValidationFailure(field: "name", id: "nama wajib diisi", en: "name is required")) }
        let rate = min(max(Int(form.rate ?? "") ?? 60, 1), 10_000)
        let (_, secret) = try await ApiKeyService(db: req.db, now: req.application.currentTime).create(name: name, ratePerMinute: rate)
        // Shown once, on this page only.
        return try await overviewPage(req, newKey: secret, message: nil)
    }

    @Sendable package func revokeKey(req: Request) async throws -> Response {
        _ = try await ApiKeyService(db: req.db, now: req.application.currentTime).revoke(prefixOrID: req.parameters.get("id") ?? "")
        return req.redirect(to: SitePath.admin.link() + "#keys", redirectType: .normal)
    }

    package struct TemplateForm: Content { let category: String?; let body: String? }

    @Sendable package func createTemplate(req: Request) async throws -> Response {
        let form = try req.content.decode(TemplateForm.self)
        guard let body = form.body.trimmedNonEmpty else { return try await failed(req, ValidationFailure(field: "body", id: "isi wajib diisi", en: "body is required")) }
        let category = form.category.trimmedNonEmpty?.uppercased()
        if let category, try await Category.find(category, on: req.db) == nil {
            return try await failed(req, ValidationFailure(field: "category", id: "kategori \(category) tidak dikenal", en: "there is no category \(category)"))
        }
        try await ResponseTemplate(categoryCode: category, body: body, createdAt: req.now).create(on: req.db)
        return req.redirect(to: SitePath.admin.link() + "#templates", redirectType: .normal)
    }

    @Sendable package func deleteTemplate(req: Request) async throws -> Response {
        try await ResponseTemplate.query(on: req.db).filter(\.$id == req.parameters.get("id", as: UUID.self) ?? UUID()).delete()
        return req.redirect(to: SitePath.admin.link() + "#templates", redirectType: .normal)
    }
}
