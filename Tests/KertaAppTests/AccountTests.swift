import Fluent
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import KertaCore
import Testing
import VaporTesting

@Suite struct AccountTests {
    @Test func anOfficerIsCreatedForAnExistingAgency() async throws {
        try await withKerta { app in
            let account = try NewAccount(email: " Putu@Example.ID ", password: "panjang-sekali", role: "officer", agency: "dlhk", name: "Putu")
            let user = try await AccountService(db: app.db, hasher: app.password.sync).create(account)
            #expect(user.email == "putu@example.id")
            #expect(user.$agency.id == "DLHK")
            #expect(try app.password.verify("panjang-sekali", created: user.passwordHash))
        }
    }

    @Test func everyProblemIsReportedAtOnceNamingItsField() {
        #expect(throws: ValidationFailure([
            .init(field: "email", message: "\"not-an-address\" is not an email address"),
            .init(field: "password", message: "password must have at least 10 characters"),
            .init(field: "agency", message: "an officer acts for an agency: give its code, e.g. PUPR"),
        ])) {
            try NewAccount(email: "not-an-address", password: "short", role: "officer", agency: nil, name: nil)
        }
        #expect(throws: ValidationFailure.self) { try NewAccount(email: "a@b.id", password: "long enough!", role: "mayor", agency: nil, name: nil) }
    }

    @Test func unknownAgenciesAndDuplicateAddressesAreRefused() async throws {
        try await withKerta { app in
            let service = AccountService(db: app.db, hasher: app.password.sync)
            await #expect(throws: ValidationFailure(field: "agency", "there is no agency with code NOPE")) {
                try await service.create(try NewAccount(email: "x@y.id", password: "0123456789", role: "officer", agency: "NOPE", name: nil))
            }
            _ = try await service.create(try NewAccount(email: "x@y.id", password: "0123456789", role: "citizen", agency: nil, name: nil))
            await #expect(throws: ValidationFailure.self) {
                try await service.create(try NewAccount(email: "X@Y.ID", password: "0123456789", role: "citizen", agency: nil, name: nil))
            }
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }
}
