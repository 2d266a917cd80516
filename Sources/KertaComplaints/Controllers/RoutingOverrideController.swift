import Fluent
import KertaCore
import Vapor
import KertaPlatform

/// `/api/v1/routing-overrides`: admins send a category's complaints in one kecamatan to another agency.
package struct RoutingOverrideController: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let overrides = routes.grouped("routing-overrides")
        // Verifiers and supervisors see where complaints go; only admins change it.
        overrides.grouped(RoleGuard([.admin, .verifier, .supervisor], answer: .api)).get(use: list)
        let admins = overrides.grouped(RoleGuard([.admin], answer: .api))
        admins.put(use: upsert)
        admins.delete(":id", use: delete)
    }

    @Sendable package func list(req: Request) async throws -> [RoutingOverrideDTO] {
        return try await RoutingOverride.query(on: req.db).sort(\.$categoryCode).sort(\.$kecamatanCode).all()
            .map { RoutingOverrideDTO(id: $0.id, category: $0.categoryCode, kecamatan: $0.kecamatanCode, agency: $0.agencyCode) }
    }

    @Sendable package func upsert(req: Request) async throws -> RoutingOverrideDTO {
        let input = try req.content.decode(RoutingOverrideDTO.self)
        var problems = ProblemList()
        let category = input.category.trimmedNonEmpty?.uppercased()
        let kecamatan = input.kecamatan.trimmedNonEmpty
        let agency = input.agency.trimmedNonEmpty?.uppercased()
        if let category { if try await Category.find(category, on: req.db) == nil { problems.add("category", id: "kategori \(category) tidak dikenal", en: "there is no category \(category)") } }
        else { problems.add("category", id: "category wajib diisi", en: "category is required") }
        if let kecamatan {
            let area = try await Area.find(kecamatan, on: req.db)
            if area?.level != AreaLevel.kecamatan.rawValue { problems.add("kecamatan", id: "kecamatan \(kecamatan) tidak dikenal", en: "there is no kecamatan \(kecamatan)") }
        } else { problems.add("kecamatan", id: "kecamatan wajib diisi", en: "kecamatan is required") }
        if let agency { if try await Agency.find(agency, on: req.db) == nil { problems.add("agency", id: "instansi \(agency) tidak dikenal", en: "there is no agency \(agency)") } }
        else { problems.add("agency", id: "agency wajib diisi", en: "agency is required") }
        try problems.check()
        let existing = try await RoutingOverride.query(on: req.db).filter(\.$categoryCode == category!).filter(\.$kecamatanCode == kecamatan!).first()
        let row = existing ?? RoutingOverride(categoryCode: category!, kecamatanCode: kecamatan!, agencyCode: agency!)
        row.agencyCode = agency!
        try await row.save(on: req.db)
        await req.application.kertaCaches.referenceChanged()
        return RoutingOverrideDTO(id: row.id, category: row.categoryCode, kecamatan: row.kecamatanCode, agency: row.agencyCode)
    }

    @Sendable package func delete(req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("id", as: UUID.self), let row = try await RoutingOverride.find(id, on: req.db) else {
            throw APIError(.notFound, code: "not_found", id: "Aturan tidak ditemukan.", en: "Override not found.")
        }
        try await row.delete(on: req.db)
        await req.application.kertaCaches.referenceChanged()
        return .noContent
    }
}
