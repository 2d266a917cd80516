import Fluent
import Foundation
@testable import KertaApp
import KertaCore
import Testing

@Suite struct GenerateTests {
    @Test func generatedComplaintsSpreadOverTheCityAndLifecycleWithIntactTrails() async throws {
        try await withKerta { app in
            let client = Client(app: app)
            _ = try await client.report()  // a live ticket first: generation must not reuse its number
            let report = try await ComplaintGenerator(app: app, count: 400, seed: 7, batchSize: 150).run()
            #expect(report.complaints == 400 && report.auditEntries >= 400)
            let complaints = try await Complaint.query(on: app.db).all()
            #expect(complaints.count == 401)
            #expect(Set(complaints.map(\.ticket)).count == 401)
            #expect(Set(complaints.map(\.kecamatanCode)).count == 4)
            #expect(Set(complaints.map(\.statusValue)).count >= 6)
            #expect(try await AuditTrail.verify(on: app.db) == nil)
            // The live service continues after the generated tickets.
            let next = try #require(try await client.report()).ticket
            #expect(!complaints.map(\.ticket).contains(next))
        }
    }
}
