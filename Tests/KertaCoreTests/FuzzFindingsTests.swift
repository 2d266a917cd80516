import Foundation
@testable import KertaCore
import Testing

/// What the fuzz pass (scripts/fuzz, fuzz/targets/) found, each with the input that showed it.
@Suite struct FuzzFindingsTests {
    // MARK: STAGeometry (fuzz/targets/sta-geometry)

    /// The deepest geometry WKT accepts (a MultiPolygon in eight nested collections) was written as GeoJSON
    /// that its own reader refused: the depth limit had counted a Feature's nesting two short.
    @Test func theDeepestAcceptedGeometryReadsBackFromItsGeoJSON() throws {
        let wkt = String(repeating: "GEOMETRYCOLLECTION(", count: 8) + "MULTIPOLYGON(((0 0,1 0,1 1,0 0)))" + String(repeating: ")", count: 8)
        let geometry = try WKTParser.parse(wkt)
        #expect(try STAGeometry(geoJSON: geometry.geoJSONString) == geometry)
        #expect(try STAGeometry(geoJSON: "{\"type\":\"Feature\",\"properties\":{},\"geometry\":" + geometry.geoJSONString + "}") == geometry)
    }

    // MARK: WITATimestamp (fuzz/targets/civil-date)

    /// Foundation's ISO8601DateFormatter read these as dates: a two-digit year with junk after the
    /// offset, five-digit years, 30 February, hour 24, one-digit hours, offsets of +99:99, trailing text.
    @Test func malformedTimestampsAreRefused() {
        for text in ["20-11-22T08:30:0000+08:0-", "2\r11-22T00:30\r11-11-220Z", "0026-11-22T0:11-:11-22T00", "0026\r11-22T00:30:00.250Z",
                     "12026-11-22T08:30:00Z", "2026-02-30T08:30:00Z", "2026-11-22T24:00:00Z", "2026-11-22T08:60:00Z", "2026-11-22T08:30:60Z",
                     "2026-11-22T8:30:00Z", "2026-1-2T08:30:00Z", "2026-11-22T08:30:00+99:99", "2026-11-22T08:30:00+08:00junk",
                     " 2026-11-22T08:30:00Z", "2026-11-22T08:30:00.Z", "2026-11-22T08:30+08:00", "2026-11-22T08:30:00+08:",
                     "2026-11-01T08:00:00", "2026-11-22 08:30:00+08:00", "+2026-11-22T08:30:00Z", "2026-11-22T08:30:00,5Z", ""] {
            #expect(WITATimestamp.date(from: text) == nil, "\(text.debugDescription)")
        }
    }

    @Test func wellFormedTimestampsStillRead() {
        let instant = Date(timeIntervalSince1970: 1_795_307_400) // 2026-11-22T08:30:00+08:00
        for text in ["2026-11-22T08:30:00+08:00", "2026-11-22T00:30:00Z", "2026-11-22t00:30:00z", "2026-11-22T08:30:00+0800",
                     "2026-11-22T08:30:00+08", "2026-11-21T19:30:00-05:00", "2026-11-22T00:30:00-00:00"] {
            #expect(WITATimestamp.date(from: text) == instant, "\(text.debugDescription)")
        }
        #expect(WITATimestamp.date(from: "2026-11-22T08:30:00.250+08:00")?.timeIntervalSince1970 == 1_795_307_400.25)
        #expect(WITATimestamp.date(from: "2026-11-22") == Date(timeIntervalSince1970: 1_795_276_800)) // midnight WITA
        #expect(WITATimestamp.date(from: "2028-02-29T12:00:00Z") != nil)
        #expect(WITATimestamp.date(from: "2027-02-29T12:00:00Z") == nil)
    }

    /// Before 1582 the formatter counted in the Julian calendar, `string(from:)` in the proleptic Gregorian
    /// one: 0020-11-20T08:30:00+08:00 came back two days off.
    @Test func oldDatesRoundTrip() throws {
        for text in ["0020-11-20T08:30:00+08:00", "0002-11-20T19:30:11+08:00", "1500-03-01T00:00:00+08:00", "0000-01-01T00:00:00+08:00"] {
            let instant = try #require(WITATimestamp.date(from: text))
            #expect(WITATimestamp.string(from: instant) == text)
        }
    }

    // MARK: CivilDate (fuzz/targets/civil-date)

    /// `Int` reads a sign, so these passed as dates (and printed differently from how they were written).
    @Test func civilDatesAreDigitsOnly() {
        for text in ["+026-02-20", "2028-02-+9", "2026-+2-20", "+999-01-01", "2026-02-30", "2026-13-01", "2026-00-10", "2026-01-00",
                     "1500-02-29", "2026-1-01", "2026-01-1", " 2026-01-01", "٢٠٢٦-01-01", "2026/01/01", "2026-01-01x"] {
            #expect(CivilDate(iso: text) == nil, "\(text.debugDescription)")
        }
        for text in ["2026-03-19", "2028-02-29", "1600-02-29", "0000-01-01", "9999-12-31", "1582-10-10"] {
            let date = CivilDate(iso: text)
            #expect(date?.description == text)
            #expect(date.map { CivilDate(daysSinceEpoch: $0.daysSinceEpoch) } == date)
        }
    }

    // MARK: CSVTable (fuzz/targets/csv)

    /// A lone quoted empty field at the end of the text was lost: `""` read as no header at all.
    @Test func aQuotedEmptyFieldIsAField() throws {
        #expect(try CSVTable(text: "\"\"").header == [""])
        #expect(try CSVTable(text: "a,b\n1,\"\"").rows == [["1", ""]])
        #expect(try CSVTable(text: "a\n\"\"\n").rows == []) // a blank row is still skipped
        #expect(throws: CSVTable.Error.empty) { try CSVTable(text: "") }
    }

    /// `A"\u{FFFD}"""""""\u{05AF}"""""""" "i`: a quote followed by a combining mark is one Character, so a
    /// Character-wise writer (KertaApp's CSVField did so) neither quoted the field nor doubled that quote.
    @Test func writtenFieldsReadBackCodePointForCodePoint() throws {
        for value in ["a\"\u{05AF}b", ",\u{0301}", "x\r\ny", "plain", "", "\"", "say \"hi\", then go"] {
            let text = "h,i\n" + CSVTable.field(value) + ",end\n"
            #expect(try CSVTable(text: text).rows == [[value, "end"]], "\(value.debugDescription)")
        }
        #expect(CSVTable.field("a\"\u{05AF}b") == "\"a\"\"\u{05AF}b\"")
        #expect(CSVTable.field("x\r\ny") == "\"x\r\ny\"")
        #expect(CSVTable.spreadsheetField("=\u{0301}HYPERLINK(1)") == "'=\u{0301}HYPERLINK(1)")
        #expect(CSVTable.spreadsheetField("-12.5") == "-12.5")
        #expect(CSVTable.spreadsheetField("-rusak, parah") == "\"'-rusak, parah\"")
        #expect(CSVTable.spreadsheetField("@user") == "'@user")
    }

    // MARK: category-attributes.csv (fuzz/targets/csv)

    static let attributesHeader = "category_code,code,datatype,variable,required,order,description,datatype_description,values\n"

    /// A list value without a key (`=name`, or `=` alone) split into no parts, and reading its key was an
    /// index out of range: the server crashed loading such a file.
    @Test func aListValueWithoutAKeyIsAProblemNotACrash() throws {
        let crash = Self.attributesHeader
            + "INFRA-JALAN,ukuran,singlevaluelist,true,true,1,Ukuran?,Pilih,===========,=======kteratmber,true,liW corks,mber,true,gka,\n"
        #expect(throws: ReferenceData.Problem.self) { try ReferenceData.parseAttributes(crash, categoryCodes: ["INFRA-JALAN"]) }
        for values in ["=Kecil", "kecil=Kecil|=Besar", "a||=", "="] {
            let text = Self.attributesHeader + "INFRA-JALAN,ukuran,singlevaluelist,true,true,1,Ukuran?,Pilih,\(values)\n"
            #expect(throws: ReferenceData.Problem.self) { try ReferenceData.parseAttributes(text, categoryCodes: ["INFRA-JALAN"]) }
        }
        let good = Self.attributesHeader + "INFRA-JALAN,ukuran,singlevaluelist,true,true,1,Ukuran?,Pilih,kecil=Kecil|besar=|sedang\n"
        #expect(try ReferenceData.parseAttributes(good, categoryCodes: ["INFRA-JALAN"]).first?.values
            == [.init(key: "kecil", name: "Kecil"), .init(key: "besar", name: "besar"), .init(key: "sedang", name: "sedang")])
    }

    /// Two questions of one category with the same code made `Dictionary(uniqueKeysWithValues:)` in
    /// ServiceAttribute.validate trap on every report in that category; the file is now refused, and
    /// validate no longer traps on such a list.
    @Test func twoQuestionsWithOneCodeAreRefused() throws {
        let text = Self.attributesHeader + "INFRA-JALAN,ukuran,number,true,false,1,A,,\nINFRA-JALAN,ukuran,string,true,false,2,B,,\n"
        #expect(throws: ReferenceData.Problem.self) { try ReferenceData.parseAttributes(text, categoryCodes: ["INFRA-JALAN"]) }
        let twice = ["number", "string"].enumerated().map { index, type in
            ServiceAttribute(categoryCode: "X", code: "ukuran", datatype: .init(rawValue: type)!, variable: true, required: false,
                             order: index + 1, description: "", datatypeDescription: "", values: [])
        }
        #expect(try ServiceAttribute.validate(["ukuran": ["3"]], against: twice) == ["ukuran": ["3"]])
    }

    // MARK: Open311 multipart (fuzz/targets/open311-form)

    /// The boundary comes from the client: matching it afresh at every byte cost boundary length × body
    /// length (a 10 KB boundary over a 400 KB body is 4 billion comparisons). The search is now linear.
    @Test func aLongBoundaryOverALongBodyIsLinear() throws {
        let boundary = String(repeating: "-", count: 10_000) + "x"
        let body = [UInt8](repeating: UInt8(ascii: "-"), count: 400_000)
        #expect(throws: Open311FormFields.Failure.noParts) { try Open311FormFields.multipart(body, boundary: boundary) }
        #expect(MultipartBody.occurrences(of: Array("--\(boundary)".utf8), in: body).isEmpty)
    }

    @Test func occurrencesMatchTheNaiveSearch() {
        func naive(_ needle: [UInt8], _ haystack: [UInt8]) -> [Int] {
            var result: [Int] = []
            var i = 0
            while i + needle.count <= haystack.count {
                if Array(haystack[i..<(i + needle.count)]) == needle { result.append(i); i += needle.count } else { i += 1 }
            }
            return result
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let needle = (0..<Int.random(in: 1...5, using: &generator)).map { _ in UInt8.random(in: 0...2, using: &generator) }
            let haystack = (0..<Int.random(in: 0...60, using: &generator)).map { _ in UInt8.random(in: 0...2, using: &generator) }
            #expect(MultipartBody.occurrences(of: needle, in: haystack) == naive(needle, haystack), "\(needle) in \(haystack)")
        }
        #expect(MultipartBody.occurrences(of: Array("--ab".utf8), in: Array("---ab--ab--a--ab".utf8)) == [1, 5, 12])
    }

    @Test func formFieldsReadAsOpen311FormDid() throws {
        let form = Open311FormFields.urlEncoded("service_code=INFRA-JALAN&description=Jalan+rusak+%26+retak&attribute%5Bukuran_lubang%5D=besar"
            + "&attribute[jenis][]=a&attribute[jenis][]=b&bad=%ZZ&=x&flag&attribute[]=y&attribute[[]=z")
        #expect(form.first("service_code") == "INFRA-JALAN")
        #expect(form.first("description") == "Jalan rusak & retak")
        #expect(form.values["bad"] == ["%ZZ"])
        #expect(form.values["flag"] == [""])
        #expect(form.values["x"] == nil) // "=x" has no name
        #expect(Open311FormFields.urlEncoded("a==b&c=").values == ["a": ["=b"], "c": [""]])
        #expect(form.first("flag") == nil)
        #expect(form.attributes == ["ukuran_lubang": ["besar"], "jenis": ["a", "b"], "": ["y"]])

        let boundary = "b0und"
        let body = Array(("--b0und\r\nContent-Disposition: form-data; name=\"lat\"\r\n\r\n-8.65\r\n"
            + "--b0und\r\nContent-Disposition: form-data; name=\"media\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").utf8)
            + [0xFF, 0xD8, 0x0D, 0x0A, 0xFF, 0xD9] + Array("\r\n--b0und\r\nContent-Disposition: form-data; name=\"media\"\r\n\r\n\r\n--b0und--\r\n".utf8)
        let multipart = try Open311FormFields.multipart(body, boundary: boundary)
        #expect(multipart.values == ["lat": ["-8.65"]])
        #expect(multipart.media == [[0xFF, 0xD8, 0x0D, 0x0A, 0xFF, 0xD9]]) // the empty media part is skipped
        #expect(throws: Open311FormFields.Failure.noParts) { try Open311FormFields.multipart(Array("--b0und\r\n".utf8), boundary: boundary) }
    }
}
