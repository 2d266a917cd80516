import KertaCore
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import Testing
import VaporTesting

@Suite struct ReferenceAPITests {
    @Test func categoriesCarryNamesInBothLanguagesAndTheirAgency() async throws {
        try await withKerta { app in
            try await app.testing().test(.GET, "api/v1/categories") { res in
                #expect(res.status == .ok)
                let categories = try res.content.decode([CategoryDTO].self)
                #expect(categories.count == 54)
                let lights = try #require(categories.first { $0.code == "INFRA-LPJU" })
                #expect(lights.agency == "DISHUB")
                #expect(lights.name == LocalizedText(id: "Lampu penerangan jalan umum (LPJU) mati", en: "Street light not working"))
                #expect(lights.resolution_working_days == 5)
            }
        }
    }

    @Test func agenciesCanBeFilteredByIntake() async throws {
        try await withKerta { app in
            try await app.testing().test(.GET, "api/v1/agencies?intake=referral") { res in
                let agencies = try res.content.decode([AgencyDTO].self)
                #expect(agencies.map(\.code).contains("EXT_PLN"))
                #expect(agencies.allSatisfy { $0.intake == "referral" })
            }
            try await app.testing().test(.GET, "api/v1/agencies?intake=maybe") { res in
                #expect(res.status == .badRequest)
            }
        }
    }
}
