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
