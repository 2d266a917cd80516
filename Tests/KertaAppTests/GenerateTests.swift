import Fluent
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import KertaCore
import SQLKit
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
            #expect(Set(complaints.map(\.status)).count >= 6)
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
            // Some come with a photo, which its public page serves.
            #expect(report.photos > 100 && report.photos < 300)
            let photo = try #require(try await ComplaintPhoto.query(on: app.db).with(\.$complaint).filter(\.$kind == "report").all()
                .first { $0.complaint.visibility == .public })
            try await app.testing().test(.GET, "api/v1/complaints/\(photo.complaint.ticket)/photos/\(photo.id!.uuidString.lowercased())") { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.subType == "png")
                #expect(res.body.readableBytes == ComplaintGenerator.placeholderPhoto.count)
            }
            // The live service continues after the generated tickets.
            let next = try #require(try await client.report()).ticket
            #expect(!complaints.map(\.ticket).contains(next))
        }
    }

    /// Rows stored before the map cells existed get theirs from the migration's SQL, which must agree with
    /// the cell Kerta computes for new complaints, on both engines.
    @Test func theMigrationFillsTheSameMapCellsKertaComputes() async throws {
        try await withKerta { app in
            _ = try await ComplaintGenerator(app: app, count: 200, seed: 5, batchSize: 100).run()
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE complaints SET grid_cell = NULL").run()
            try await UpdateComplaintAddGridCell.fill(sql)
            let complaints = try await Complaint.query(on: app.db).all()
            #expect(complaints.count == 200)
            for c in complaints { #expect(c.gridCell == GridCell.of(c.point)) }
        }
    }

    /// Lists read complaints without Fluent's reflection (`allRows`), and the generator writes them the same
    /// way: both must agree with Fluent field for field, NULLs and dates included, on both engines.
    @Test func rowsReadAndWrittenWithoutReflectionMatchFluent() async throws {
        try await withKerta { app in
            let client = Client(app: app)
            _ = try await client.report()
            _ = try await ComplaintGenerator(app: app, count: 60, seed: 3, batchSize: 25).run()
            let viaFluent = try await Complaint.query(on: app.db).sort(\.$ticket).all()
            let viaRows = try await Complaint.query(on: app.db).sort(\.$ticket).allRows()
            #expect(viaFluent.count == 61 && viaRows.count == 61)
            for (a, b) in zip(viaFluent, viaRows) {
                #expect(a.columnValues.map { String(describing: $0) } == b.columnValues.map { String(describing: $0) })
            }
            #expect(viaRows.contains { $0.resolvedAt != nil } && viaRows.contains { $0.resolvedAt == nil })
            // Open311 lists read only the columns they show.
            let partial = try await Complaint.query(on: app.db).sort(\.$ticket).allRows(columns: Complaint.open311Columns)
            for (a, b) in zip(viaFluent, partial) {
                #expect(a.id == b.id && a.ticket == b.ticket && a.status == b.status && a.submittedAt == b.submittedAt)
                #expect(a.updatedAt == b.updatedAt && a.dueAt == b.dueAt && a.address == b.address && a.latitude == b.latitude)
            }
            #expect(try await Complaint.query(on: app.db).filter(\.$ticket == viaFluent[0].ticket).firstRow()?.id == viaFluent[0].id)
        }
    }
}
