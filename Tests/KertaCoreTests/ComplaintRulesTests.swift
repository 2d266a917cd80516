import Foundation
import KertaCore
import Testing

@Suite struct ComplaintRulesTests {
    @Test func ticketsReadLikePRODashYearDashSixDigits() {
        #expect(TicketNumber(year: 2026, sequence: 123).description == "PRO-2026-000123")
        #expect(TicketNumber(year: 2026, sequence: 1_234_567).description == "PRO-2026-1234567")
        #expect(TicketNumber("pro-2026-000123") == TicketNumber(year: 2026, sequence: 123))
        #expect(TicketNumber("PRO-26-1") == nil)
        #expect(TicketNumber("PRO-2026-abc") == nil)
        // 00:30 WITA on New Year's Day is still 31 December in UTC, but the ticket belongs to the new year.
        #expect(TicketNumber.year(of: Fixtures.wita("2027-01-01 00:30")) == 2027)
    }

    @Test func aReportIsCheckedFieldByFieldInBothLanguages() {
        do {
            _ = try NewComplaint(category: nil, description: "short", lat: 95, lon: nil, address: nil, visibility: "secret",
                                 reporterName: nil, reporterEmail: "not-mail", reporterPhone: "call me", signedIn: false)
            Issue.record("accepted a bad report")
        } catch let failure as ValidationFailure {
            #expect(failure.problems.map(\.field) == ["category", "description", "lat", "lon", "visibility", "reporter.name", "reporter.email", "reporter.phone"])
            #expect(failure.problems.allSatisfy { $0.text.id != $0.text.en })
        } catch { Issue.record("\(error)") }
    }

    @Test func aSignedInResidentNeedNotRepeatTheirName() throws {
        let report = try NewComplaint(category: "infra-jalan", description: "Jalan berlubang besar di depan sekolah", lat: -8.65, lon: 115.21,
                                      address: nil, visibility: nil, reporterName: nil, reporterEmail: nil, reporterPhone: nil, signedIn: true)
        #expect(report.categoryCode == "INFRA-JALAN")
        #expect(report.visibility == .public)
        #expect(report.reporter == nil)
    }

    @Test func acceptLanguagePicksByPreference() {
        #expect(Language.preferred(acceptLanguage: nil) == .indonesian)
        #expect(Language.preferred(acceptLanguage: "en-US,en;q=0.9") == .english)
        #expect(Language.preferred(acceptLanguage: "fr-FR, en;q=0.5, id;q=0.8") == .indonesian)
        #expect(Language.preferred(acceptLanguage: "de-DE") == .indonesian)
    }

    @Test func deadlinesCrossNyepiAndEidInWorkingDays() throws {
        let data = try ReferenceData.load(from: Fixtures.referenceDirectory, city: "denpasar")
        let deadlines = ComplaintDeadlines(calendar: WorkingDayCalendar(holidays: data.holidays))
        // Tuesday 17 March 2026: Tawur Kesanga, Nyepi, Ngembak Geni, Eid and joint leave close the offices until the 25th.
        let submitted = Fixtures.wita("2026-03-17 10:00")
        #expect(deadlines.verificationDue(from: submitted) == Fixtures.wita("2026-03-27 10:00"))
        #expect(deadlines.resolutionDue(from: submitted, priority: .high) == Fixtures.wita("2026-03-26 10:00"))
        // The dispute window skips Good Friday (3 April) and Pagerwesi (8 April) too.
        #expect(deadlines.stageDue(entering: .resolved, at: submitted, priority: .medium, resolutionDue: nil)
                == Fixtures.wita("2026-04-09 10:00"))
    }
}
