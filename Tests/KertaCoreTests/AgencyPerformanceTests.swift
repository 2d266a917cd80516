import Foundation
import KertaCore
import Testing

@Suite struct AgencyPerformanceTests {
    let t0 = Fixtures.wita("2026-11-02 08:00")

    func sample(_ agency: String, status: ComplaintStatus = .closed, respondHours: Double = 2, resolveHours: Double? = 10,
                dueHours: Double = 24, stars: Int? = 5, reopened: Int = 0) -> AgencyPerformance.Sample {
        .init(agencyCode: agency, status: status, dispatchedAt: t0, firstResponseAt: t0.addingTimeInterval(respondHours * 3600),
              resolvedAt: resolveHours.map { t0.addingTimeInterval($0 * 3600) }, resolutionDueAt: t0.addingTimeInterval(dueHours * 3600),
              ratingStars: stars, reopenCount: reopened)
    }

    @Test func agenciesWithFewerThanTenClosedAreNotRanked() {
        let samples = Array(repeating: sample("PUPR", resolveHours: 30), count: 10)  // all late
            + Array(repeating: sample("DLHK"), count: 12)                         // all on time
            + Array(repeating: sample("DISHUB"), count: 9)                        // perfect but too few
        let rows = AgencyPerformance.compute(samples)
        let byCode = Dictionary(uniqueKeysWithValues: rows.map { ($0.agencyCode, $0) })
        #expect(byCode["DLHK"]?.rank == 1)
        #expect(byCode["PUPR"]?.rank == 2)
        #expect(byCode["DISHUB"]?.rank == nil)
        #expect(byCode["PUPR"]?.percentWithinDeadline == 0)
        #expect(byCode["DLHK"]?.percentWithinDeadline == 100)
        #expect(rows.map(\.agencyCode).prefix(2) == ["DLHK", "PUPR"])
    }

    @Test func mediansAveragesAndReopenShare() {
        let rows = AgencyPerformance.compute([
            sample("PUPR", respondHours: 1, resolveHours: 10, stars: 4),
            sample("PUPR", respondHours: 3, resolveHours: 20, stars: 5, reopened: 1),
            sample("PUPR", status: .inProgress, respondHours: 8, resolveHours: nil, stars: nil),
        ])
        let pupr = rows[0]
        #expect(pupr.received == 3 && pupr.resolved == 2 && pupr.closed == 2)
        #expect(pupr.medianHoursToFirstResponse == 3)
        #expect(pupr.medianHoursToResolution == 15)
        #expect(pupr.averageRating == 4.5)
        #expect(pupr.percentReopened == 50)
        #expect(AgencyPerformance.median([]) == nil)
    }
}
