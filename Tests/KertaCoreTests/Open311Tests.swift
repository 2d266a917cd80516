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
}
