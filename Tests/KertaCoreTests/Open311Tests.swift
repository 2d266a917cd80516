import Foundation
import KertaCore
import Testing

@Suite struct Open311Tests {
    let requests = Open311Node.list(element: "request", [
        .fields([("service_request_id", .string("PRO-2026-000001")), ("status", .string("open")), ("lat", .number(-8.6577)),
                 ("status_notes", nil), ("description", .string("Lubang <besar> & \"dalam\""))]),
    ])

    @Test func oneTreeRendersAsBareJSONArraysAndAsXMLContainers() {
        #expect(requests.json() == #"[{"service_request_id":"PRO-2026-000001","status":"open","lat":-8.6577,"description":"Lubang <besar> & \"dalam\""}]"#)
        #expect(requests.xml(root: "service_requests") == """
            <?xml version="1.0" encoding="utf-8"?><service_requests><request><service_request_id>PRO-2026-000001</service_request_id>\
            <status>open</status><lat>-8.6577</lat><description>Lubang &lt;besar&gt; &amp; &quot;dalam&quot;</description></request></service_requests>
            """)
        #expect(Open311Node.list(element: "request", []).xml(root: "service_requests") == #"<?xml version="1.0" encoding="utf-8"?><service_requests></service_requests>"#)
        #expect(Open311Node.list(element: "request", []).json() == "[]")
    }

    /// Residents write anything: line breaks, tabs, quotes, backslashes, control characters, Balinese script.
    @Test func everyTextIsEscapedForJSONAndXML() throws {
        let text = "Jalan \"Gatsu\"\nrusak\tparah \\ \u{1}bel \u{1B1D}\u{1B2E} Ẓ <b> & 'x'"
        let node = Open311Node.fields([("d", .string(text)), ("plain", .string("Lampu mati"))])
        #expect(node.json() == #"{"d":"Jalan \"Gatsu\"\nrusak\tparah \\ \u0001bel ᬝᬮ Ẓ <b> & 'x'","plain":"Lampu mati"}"#)
        let decoded = try JSONSerialization.jsonObject(with: Data(node.json().utf8)) as? [String: String]
        #expect(decoded?["d"] == text)
        #expect(Open311Node.fields([("d", .string(text))]).xml(root: "r")
            == "<?xml version=\"1.0\" encoding=\"utf-8\"?><r><d>Jalan &quot;Gatsu&quot;\nrusak\tparah \\ bel ᬝᬮ Ẓ &lt;b&gt; &amp; &apos;x&apos;</d></r>")
    }

    @Test func statusesMapToOpenUntilResolved() {
        #expect(ComplaintStatus.allCases.filter { Open311Status.of($0) == "closed" } == [.rejected, .duplicate, .resolved, .closed])
        #expect(Open311Status.statuses(for: "pending") == nil)
    }

    @Test func attributeAnswersAreCheckedByDatatype() throws {
        func attribute(_ code: String, _ type: ServiceAttribute.Datatype, required: Bool = false, values: [String] = []) -> ServiceAttribute {
            ServiceAttribute(categoryCode: "X", code: code, datatype: type, variable: true, required: required, order: values.count + code.count,
                             description: code, datatypeDescription: "", values: values.map { .init(key: $0, name: $0) })
        }
        let questions = [attribute("size", .singlevaluelist, required: true, values: ["small", "large"]), attribute("kinds", .multivaluelist, values: ["a", "b"]),
                         attribute("count", .number), attribute("since", .datetime), attribute("lane", .string), attribute("notes", .text)]
        let accepted = try ServiceAttribute.validate(["size": ["large"], "kinds": ["a", "b"], "count": ["3"], "since": ["2026-11-20T08:00:00+08:00"],
                                                      "lane": ["kiri"], "notes": ["baris satu\nbaris dua"]], against: questions)
        #expect(accepted["kinds"] == ["a", "b"])
        do {
            _ = try ServiceAttribute.validate(["kinds": ["c"], "count": ["tiga"], "since": ["kemarin"], "lane": ["a\nb"], "other": ["x"]], against: questions)
            Issue.record("bad answers were accepted")
        } catch let failure as ValidationFailure {
            #expect(Set(failure.problems.map(\.field)) == ["attribute[other]", "attribute[size]", "attribute[kinds]", "attribute[count]", "attribute[since]", "attribute[lane]"])
        }
        #expect(try ServiceAttribute.validate([:], against: questions, enforceRequired: false).isEmpty)
    }

    /// Open311 windows and timestamps are read and written without Foundation's formatters; both must agree
    /// with Foundation everywhere they are used (every 7 h 13 min 7 s over five years, and edge cases).
    @Test func timestampsAgreeWithFoundationsFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        var instant = Date(timeIntervalSince1970: 1_640_995_200)
        for _ in 0..<6_000 {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
            let text = WITATimestamp.string(from: instant)
            #expect(text == String(format: "%04d-%02d-%02dT%02d:%02d:%02d+08:00", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!))
            #expect(WITATimestamp.date(from: text) == formatter.date(from: text))
            let utc = formatter.string(from: instant)
            #expect(WITATimestamp.date(from: utc) == formatter.date(from: utc))
            instant += 25_987
        }
        for text in ["2026-11-01T00:00:00+08:00", "2026-11-01T00:00:00Z", "2024-02-29T23:59:59-03:30", "2000-01-01T12:00:00+14:00",
                     "1999-12-31T00:00:00-00:00"] {
            #expect(WITATimestamp.date(from: text) != nil)
            #expect(WITATimestamp.date(from: text) == formatter.date(from: text), "\(text)")
        }
        // Impossible or incomplete: refused.
        for text in ["2026-02-29T00:00:00+08:00", "2026-13-01T00:00:00+08:00", "2026-11-01T24:00:00+08:00", "2026-11-01 00:00:00+08:00",
                     "kemarin", "2026-11-01T00:00:00+08:0x"] {
            #expect(WITATimestamp.date(from: text) == nil, "\(text)")
        }
        #expect(WITATimestamp.date(from: "2026-11-01T00:00:00+0800") == formatter.date(from: "2026-11-01T00:00:00+08:00"))
        #expect(WITATimestamp.date(from: "2026-11-01T00:00:00.250+08:00") != nil)
        #expect(WITATimestamp.date(from: "2026-11-01") == CivilDate(iso: "2026-11-01")?.startInstant())
    }
}

