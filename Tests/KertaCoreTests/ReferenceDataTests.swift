import Foundation
import Testing
@testable import KertaCore

@Suite struct ReferenceDataTests {
    @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
        let table = try CSVTable(text: "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\n")
        #expect(table.header == ["a", "b"])
        #expect(table.rows == [["x, y", "say \"hi\""], ["two\nlines", ""]])
    }

    @Test func anUnterminatedQuoteIsReportedWithItsLine() {
        #expect(throws: CSVTable.Error.unterminatedQuote(line: 2)) { try CSVTable(text: "a\n\"open\n") }
    }

    @Test func denpasarReferenceDataIsConsistent() throws {
        let data = try ReferenceData.load(from: Fixtures.referenceDirectory)
        #expect(data.agencies.count >= 40)
        #expect(data.categories.count >= 50)
        #expect(data.categories.first { $0.code == "INFRA-LPJU" }?.agencyCode == "DISHUB")
        #expect(data.holidays.contains { $0.date == CivilDate(year: 2026, month: 3, day: 19) && $0.kind == .nationalHoliday })
    }

    @Test func aCategoryNamingAnUnknownAgencyIsRejected() {
        let csv = "code,group_id,group_en,name_id,name_en,agency_code,secondary_agency_code,suggested_priority,emergency_112\nX,g,g,n,n,NOPE,,low,no\n"
        #expect(throws: ReferenceData.Problem.self) { try ReferenceData.parseCategories(csv, agencyCodes: ["PUPR"]) }
    }

    @Test func impossibleDatesAreNotDates() {
        #expect(CivilDate(iso: "2026-02-30") == nil)
        #expect(CivilDate(iso: "2026-2-3") == nil)
        #expect(CivilDate(iso: "2026-02-28") == CivilDate(year: 2026, month: 2, day: 28))
    }
}
