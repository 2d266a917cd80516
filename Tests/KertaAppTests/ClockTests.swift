import Fluent
import KertaApp
import KertaComplaints
import KertaCore
import KertaPlatform
import Testing
import Vapor

@Suite("One clock: what the city records as now comes from the application's clock")
struct ClockTests {
    @Test("a complaint filed under a set clock is stamped with it, its deadline counted from it, and its event too")
    func submissionReadsTheApplicationClock() async throws {
        try await withKerta(demo: true) { app in
            // Wednesday 25 March 2026, 09:00 WITA: Nyepi was the 19th, so the week has working days left.
            let clock = ManualClock(wita("2026-03-25 09:00"))
            app.kertaClock = clock
            let created = try #require(try await Client(app: app).report())
            let stored = try #require(try await Complaint.query(on: app.db).filter(\.$ticket == created.ticket).first())
            #expect(stored.submittedAt == wita("2026-03-25 09:00"))
            #expect(try #require(stored.dueAt) > wita("2026-03-25 09:00") && stored.dueAt! < wita("2026-04-01 00:00"))
            try await app.testing().test(.GET, "api/v1/events") { res in
                #expect(res.body.string.contains("\"time\":\"2026-03-25T09:00:00+08:00\""))
                #expect(res.body.string.contains(created.ticket))
            }
            // The health answer tells the same time, so an operator sees a server whose clock is off.
            clock.advance(by: 60)
            try await app.testing().test(.GET, "health") { res in
                #expect(res.body.string.contains("\"time\":\"2026-03-25T09:01:00+08:00\""))
            }
        }
    }
}
