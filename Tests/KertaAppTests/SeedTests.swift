import KertaCore
import Fluent
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import Testing
import VaporTesting

@Suite struct SeedTests {
    func counts(_ app: Application) async throws -> [String: Int] {
        [
            "agencies": try await Agency.query(on: app.db).count(),
            "categories": try await Category.query(on: app.db).count(),
            "areas": try await Area.query(on: app.db).count(),
            "holidays": try await HolidayDate.query(on: app.db).count(),
            "users": try await User.query(on: app.db).count(),
            "settings": try await Setting.query(on: app.db).count(),
            "complaints": try await Complaint.query(on: app.db).count(),
            "audit_entries": try await AuditEntry.query(on: app.db).count(),
        ]
    }

    @Test func seedingTwiceChangesNothing() async throws {
        try await withKerta(demo: true, demoComplaints: true) { app in
            let first = try await counts(app)
            // The demo looks like the city: complaints in every state, in all four kecamatan, with intact trails.
            let complaints = try await Complaint.query(on: app.db).all()
            #expect(Set(complaints.map(\.status)) == Set(ComplaintStatus.allCases))
            #expect(Set(complaints.map(\.kecamatanCode)).count == 4)
            #expect(Set(complaints.map(\.desaCode)).count >= 40)
            #expect(complaints.contains { $0.ratingStars != nil })
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
            #expect(first["areas"] == 48)      // 1 kota, 4 kecamatan, 43 desa
            #expect(first["categories"] == 54)
            #expect(first["users"] == DemoAccount.all.count)
            let (report, demoAgain) = try await DatabaseMaintenance.seed(app, demo: true)
            #expect(report == ReferenceSeeder.Report(inserted: 0, updated: 0))
            #expect(!demoAgain)
            #expect(try await counts(app) == first)
        }
    }

    @Test func aChangedReferenceRowIsUpdatedAndAdminChoicesKept() async throws {
        try await withKerta { app in
            let lights = try #require(try await Category.find("INFRA-LPJU", on: app.db))
            lights.nameEN = "Outdated name"
            lights.active = false
            try await lights.save(on: app.db)
            let (report, _) = try await DatabaseMaintenance.seed(app, demo: false)
            #expect(report.updated == 1)
            let again = try #require(try await Category.find("INFRA-LPJU", on: app.db))
            #expect(again.nameEN == "Street light not working")
            #expect(again.active == false)
        }
    }

    @Test func theDemoIsSeededOnlyOnceEvenAfterItsAccountsAreRemoved() async throws {
        try await withKerta(demo: true) { app in
            try await User.query(on: app.db).filter(\.$isDemo == true).delete()
            let (_, seeded) = try await DatabaseMaintenance.seed(app, demo: true)
            #expect(!seeded)
            #expect(try await User.query(on: app.db).count() == 0)
        }
    }

    @Test func demoAccountsCoverEveryRoleAndSignInWithThePublishedPassword() async throws {
        try await withKerta(demo: true) { app in
            let users = try await User.query(on: app.db).all()
            #expect(Set(users.map(\.role)) == Set(Role.allCases))
            let officer = try #require(users.first { $0.email == "petugas.pupr@kerta.example" })
            #expect(officer.$agency.id == "PUPR")
            #expect(try app.password.verify(DemoAccount.password, created: officer.passwordHash))
        }
    }
}

/// A database migrated by an earlier release has recorded each migration by its name: the names must not
/// change when code moves between libraries, or such a database would run every migration again.
@Suite struct MigrationNameTests {
    @Test func everyMigrationKeepsTheNameItWasFirstRecordedUnder() {
        let names = KertaMigrations.all.map(\.name)
        #expect(names.first == "KertaApp.CreateSetting")
        #expect(names.contains("KertaApp.CreateComplaint") && names.contains("KertaApp.UpdateComplaintAddEscalation"))
        #expect(names.allSatisfy { $0.hasPrefix("KertaApp.") }, "\(names)")
        #expect(Set(names).count == names.count)
    }
}
