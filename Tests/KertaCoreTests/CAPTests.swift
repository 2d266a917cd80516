import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import KertaCore
import Testing

@Suite struct CAPTests {
    static func wita(_ text: String) -> Date { WITATimestamp.date(from: text)! }

    let sent = wita("2025-09-10T06:35:00+08:00")
    let sender = "bpbd@denpasarkota.go.id"

    /// A flood warning for Sesetan as BPBD writes one: Indonesian for residents, English for visitors.
    func floodWarning() -> CAPAlert {
        let ring = [GeoPoint(latitude: -8.690, longitude: 115.210), GeoPoint(latitude: -8.690, longitude: 115.230),
                    GeoPoint(latitude: -8.710, longitude: 115.230), GeoPoint(latitude: -8.690, longitude: 115.210)]
        let areas = [CAPArea(areaDesc: "Kelurahan Sesetan, Denpasar Selatan", polygons: [ring],
                             geocodes: [CAPNamedValue(valueName: "BPS", value: "5171010006")]),
                     CAPArea(areaDesc: "Sekitar Tukad Badung", circles: [CAPCircle(center: GeoPoint(latitude: -8.6705, longitude: 115.2126), radiusKilometres: 1.5)])]
        func info(_ language: String, event: String, headline: String, description: String, instruction: String) -> CAPInfo {
            CAPInfo(language: language, categories: [.met, .safety], event: event, responseTypes: [.evacuate, .monitor],
                    urgency: .immediate, severity: .severe, certainty: .likely, audience: nil,
                    eventCodes: [CAPNamedValue(valueName: "SAME", value: "FLW")],
                    effective: sent, onset: sent.addingTimeInterval(1800), expires: sent.addingTimeInterval(6 * 3600),
                    senderName: "BPBD Kota Denpasar", headline: headline, description: description, instruction: instruction,
                    web: "https://kerta.denpasarkota.go.id/alerts/BPBD-DPS-2025-0042", contact: "BPBD Denpasar 112",
                    parameters: [CAPNamedValue(valueName: "waterLevelCm", value: "180")], areas: areas)
        }
        return CAPAlert(identifier: "BPBD-DPS-2025-0042", sender: sender, sent: sent, status: .actual, msgType: .alert, scope: .public,
                        source: "Pos pantau Tukad Badung", note: nil, incidents: "banjir-2025-09",
                        infos: [info("id-ID", event: "Banjir", headline: "Peringatan banjir Tukad Badung",
                                     description: "Tinggi muka air 180 cm & naik.", instruction: "Mengungsi ke Balai Banjar."),
                                info("en-US", event: "Flood", headline: "Flood warning, Tukad Badung",
                                     description: "Water at 180 cm and rising.", instruction: "Evacuate to the Banjar hall.")])
    }

    /// Element names in document order, from a real XML parser: proves the output is well-formed too.
    func elementNames(_ xml: String) -> [String]? {
        #if canImport(FoundationXML) || canImport(Darwin)
        final class Collector: NSObject, XMLParserDelegate {
            var names: [String] = []
            var namespaces: Set<String> = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                names.append(name)
                if let namespaceURI { namespaces.insert(namespaceURI) }
            }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        parser.shouldProcessNamespaces = true
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else { return nil }
        return collector.names
        #else
        return []
        #endif
    }

    func isInOrder(_ names: [String], _ expected: [String]) -> Bool {
        var index = names.startIndex
        for name in expected {
            guard let found = names[index...].firstIndex(of: name) else { return false }
            index = found + 1
        }
        return true
    }

    @Test func aFullAlertIsWrittenAsCAP12InTheSchemasOrder() throws {
        let xml = CAPEncoder.xml(floodWarning())
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n"))
        #expect(xml.contains("<identifier>BPBD-DPS-2025-0042</identifier>"))
        #expect(xml.contains("<sent>2025-09-10T06:35:00+08:00</sent>"))
        #expect(xml.contains("<language>id-ID</language>") && xml.contains("<language>en-US</language>"))
        #expect(xml.contains("<polygon>-8.69,115.21 -8.69,115.23 -8.71,115.23 -8.69,115.21</polygon>"))
        #expect(xml.contains("<circle>-8.6705,115.2126 1.5</circle>"))
        #expect(xml.contains("<geocode>\n        <valueName>BPS</valueName>\n        <value>5171010006</value>\n      </geocode>"))
        #expect(xml.contains("<expires>2025-09-10T12:35:00+08:00</expires>"))
        #expect(xml.contains("<incidents>banjir-2025-09</incidents>"))
        #expect(!xml.contains("<references>") && !xml.contains("<note>") && !xml.contains("<audience>"))
        let names = try #require(elementNames(xml))
        if !names.isEmpty {
            #expect(names.filter { $0 == "info" }.count == 2 && names.filter { $0 == "area" }.count == 4)
            #expect(isInOrder(names, ["identifier", "sender", "sent", "status", "msgType", "source", "scope", "incidents", "info"]))
            #expect(isInOrder(names, ["language", "category", "category", "event", "responseType", "responseType", "urgency", "severity",
                                      "certainty", "eventCode", "effective", "onset", "expires", "senderName", "headline",
                                      "description", "instruction", "web", "contact", "parameter", "area"]))
            #expect(isInOrder(names, ["area", "areaDesc", "polygon", "geocode", "area", "areaDesc", "circle"]))
        }
    }

    @Test func envelopeOrderPutsSourceBeforeScopeAndReferencesBeforeIncidents() throws {
        var alert = floodWarning()
        alert.msgType = .update
        alert.restriction = "x"
        alert.note = "Pembaruan"
        alert.references = [CAPReference(sender: sender, identifier: "BPBD-DPS-2025-0041", sent: Self.wita("2025-09-10T05:00:00+08:00")),
                            CAPReference(sender: sender, identifier: "BPBD-DPS-2025-0040", sent: Self.wita("2025-09-10T04:00:07+08:00"))]
        let xml = CAPEncoder.xml(alert)
        #expect(xml.contains("<references>bpbd@denpasarkota.go.id,BPBD-DPS-2025-0041,2025-09-10T05:00:00+08:00 bpbd@denpasarkota.go.id,BPBD-DPS-2025-0040,2025-09-10T04:00:07+08:00</references>"))
        let names = try #require(elementNames(xml))
        if !names.isEmpty {
            #expect(isInOrder(names, ["msgType", "source", "scope", "restriction", "note", "references", "incidents", "info"]))
        }
        let ordered = ["<msgType>", "<source>", "<scope>", "<restriction>", "<note>", "<references>", "<incidents>", "<info>"]
            .map { xml.range(of: $0)!.lowerBound }
        #expect(ordered == ordered.sorted())
    }

    @Test func textIsEscapedAndControlCharactersDropped() throws {
        var alert = floodWarning()
        alert.infos[0].headline = "Banjir <Sesetan> & \"Pedungan\" 'Selatan'"
        alert.infos[0].description = "air\u{0}naik\u{7}\tcepat\r\nsegera"
        alert.identifier = "A&B"
        let xml = CAPEncoder.xml(alert)
        #expect(xml.contains("<headline>Banjir &lt;Sesetan&gt; &amp; &quot;Pedungan&quot; &apos;Selatan&apos;</headline>"))
        #expect(xml.contains("<description>airnaik\tcepat&#13;\nsegera</description>"))
        #expect(xml.contains("<identifier>A&amp;B</identifier>"))
        #expect(elementNames(xml) != nil)
        #expect(CAPProfileCheck.problems(alert).contains("identifier \"A&B\" contains a space, comma, < or &"))
    }

    @Test func datesAreWITAWithWholeSecondsAndNoZ() {
        let utc = Self.wita("2025-09-09T22:35:00Z").addingTimeInterval(0.75)
        #expect(CAPEncoder.dateTime(utc) == "2025-09-10T06:35:00+08:00")
        #expect(CAPEncoder.dateTime(Self.wita("2025-12-31T23:59:59+08:00")) == "2025-12-31T23:59:59+08:00")
        #expect(CAPEncoder.dateTime(Self.wita("2025-12-31T16:00:00Z")) == "2026-01-01T00:00:00+08:00")
        let xml = CAPEncoder.xml(floodWarning())
        let stamps = xml.split(separator: "\n").filter { ["<sent>", "<effective>", "<onset>", "<expires>"].contains(where: $0.contains) }
        #expect(stamps.count == 7)
        for line in stamps {
            #expect(line.range(of: #">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00<"#, options: .regularExpression) != nil, "\(line)")
        }
        #expect(!xml.contains("Z<"))
    }

    @Test func numbersAreWrittenAsPlainDecimalsAndOpenRingsAreClosed() {
        #expect(CAPEncoder.circle(CAPCircle(center: GeoPoint(latitude: 0.00001, longitude: -0.0), radiusKilometres: 2)) == "0.00001,0 2")
        #expect(CAPEncoder.polygon([GeoPoint(latitude: -8.6, longitude: 115.2), GeoPoint(latitude: -8.6, longitude: 115.3),
                                    GeoPoint(latitude: -8.7, longitude: 115.3)]) == "-8.6,115.2 -8.6,115.3 -8.7,115.3 -8.6,115.2")
        var alert = floodWarning()
        alert.infos[0].areas[0].altitude = 100
        alert.infos[0].areas[0].ceiling = 250.5
        let xml = CAPEncoder.xml(alert)
        #expect(xml.contains("<altitude>100</altitude>\n      <ceiling>250.5</ceiling>\n    </area>"))
    }

    @Test func theAtomFeedListsEachAlertWithItsCAPLink() throws {
        var update = floodWarning()
        update.identifier = "BPBD-DPS-2025-0043"
        update.msgType = .update
        update.sent = sent.addingTimeInterval(3600)
        update.references = [CAPReference(to: floodWarning())]
        update.infos[0].senderName = nil
        update.infos[0].description = nil
        let feed = CAPAtomFeed(baseURL: "https://kerta.example/", title: "Peringatan <BPBD>")
        let xml = feed.xml([update, floodWarning()])
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"))
        #expect(xml.contains("<id>https://kerta.example/alerts.atom</id>"))
        #expect(xml.contains("<title>Peringatan &lt;BPBD&gt;</title>"))
        #expect(xml.contains("<updated>2025-09-10T07:35:00+08:00</updated>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"https://kerta.example/alerts.atom\"/>"))
        #expect(xml.contains("<link rel=\"alternate\" type=\"application/cap+xml\" href=\"https://kerta.example/alerts/BPBD-DPS-2025-0042.cap\"/>"))
        #expect(xml.contains("<link rel=\"alternate\" type=\"application/cap+xml\" href=\"https://kerta.example/alerts/BPBD-DPS-2025-0043.cap\"/>"))
        #expect(xml.contains("<title>Peringatan banjir Tukad Badung</title>\n    <updated>2025-09-10T06:35:00+08:00</updated>\n    <summary>Tinggi muka air 180 cm &amp; naik.</summary>"))
        #expect(xml.contains("<summary>Peringatan banjir Tukad Badung</summary>")) // no description: the headline
        #expect(xml.contains("<author>\n      <name>BPBD Kota Denpasar</name>\n    </author>"))
        let names = try #require(elementNames(xml))
        if !names.isEmpty {
            #expect(names.filter { $0 == "entry" }.count == 2)
            #expect(isInOrder(names, ["feed", "id", "title", "updated", "link", "author", "entry", "id", "title", "updated", "summary", "link", "author", "entry"]))
        }
        #expect(xml.range(of: "0043")!.lowerBound < xml.range(of: "0042.cap")!.lowerBound)

        let custom = CAPAtomFeed(baseURL: "https://kerta.example", link: { "https://cdn.example/cap/\($0.identifier).xml" })
        let empty = custom.xml([], updated: sent)
        #expect(empty.contains("<updated>2025-09-10T06:35:00+08:00</updated>") && !empty.contains("<entry>"))
        #expect(custom.xml([floodWarning()]).contains("href=\"https://cdn.example/cap/BPBD-DPS-2025-0042.xml\""))
        var odd = floodWarning()
        odd.identifier = "a/b c"
        #expect(CAPAtomFeed(baseURL: "https://kerta.example").link(odd) == "https://kerta.example/alerts/a%2Fb%20c.cap")
    }

    @Test func aDraftRoundTripsThroughJSON() throws {
        var alert = floodWarning()
        alert.references = [CAPReference(sender: sender, identifier: "X", sent: sent)]
        let data = try JSONEncoder().encode(alert)
        #expect(try JSONDecoder().decode(CAPAlert.self, from: data) == alert)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"Evacuate\"") && json.contains("\"Public\"") && json.contains("\"Met\""))
    }

    @Test func aConformingAlertHasNoProblems() {
        #expect(CAPProfileCheck.problems(floodWarning()) == [])
    }

    @Test func everyInfoNeedsAnExpiryAfterSent() {
        var alert = floodWarning()
        alert.infos[1].expires = nil
        alert.infos[0].expires = sent
        #expect(CAPProfileCheck.problems(alert) == ["info[0].expires (2025-09-10T06:35:00+08:00) is not after sent (2025-09-10T06:35:00+08:00)",
                                                   "info[1].expires is missing"])
    }

    @Test func urgencySeverityAndCertaintyMustBeKnown() {
        var alert = floodWarning()
        alert.infos[0].urgency = .unknown
        alert.infos[1].severity = .unknown
        alert.infos[1].certainty = .unknown
        #expect(CAPProfileCheck.problems(alert) == ["info[0].urgency is Unknown", "info[1].severity is Unknown", "info[1].certainty is Unknown"])
    }

    @Test func anAlertNeedsAnInfoAndEveryInfoAnArea() {
        var alert = floodWarning()
        alert.infos[1].areas = []
        #expect(CAPProfileCheck.problems(alert) == ["info[1] has no area"])
        alert.infos = []
        #expect(CAPProfileCheck.problems(alert) == ["alert has no info"])
        var bare = floodWarning()
        bare.infos[0].categories = []
        bare.infos[0].event = " "
        bare.infos[0].areas[0].areaDesc = ""
        #expect(CAPProfileCheck.problems(bare) == ["info[0].category is missing", "info[0].event is empty", "info[0].area[0].areaDesc is empty"])
    }

    @Test func polygonsAreClosedRingsOfValidPoints() {
        var alert = floodWarning()
        let a = GeoPoint(latitude: -8.69, longitude: 115.21), b = GeoPoint(latitude: -8.69, longitude: 115.23)
        alert.infos[0].areas[0].polygons = [[a, b, a], [a, b, GeoPoint(latitude: -8.71, longitude: 115.23), b],
                                            [a, b, GeoPoint(latitude: -91, longitude: 115.23), GeoPoint(latitude: -8.7, longitude: .nan), a]]
        #expect(CAPProfileCheck.problems(alert) == [
            "info[0].area[0].polygon[0] has 3 points; a closed ring needs at least 4",
            "info[0].area[0].polygon[1] is not closed: its last point must repeat its first",
            "info[0].area[0].polygon[2] point 2 (-91.0,115.23) is not a valid latitude/longitude",
            "info[0].area[0].polygon[2] point 3 (-8.7,nan) is not a valid latitude/longitude",
        ])
    }

    @Test func circlesNeedAPositiveRadiusAndAValidCentre() {
        var alert = floodWarning()
        alert.infos[1].areas[1].circles = [CAPCircle(center: GeoPoint(latitude: -8.67, longitude: 115.21), radiusKilometres: 0),
                                           CAPCircle(center: GeoPoint(latitude: -8.67, longitude: 181), radiusKilometres: .infinity),
                                           CAPCircle(center: GeoPoint(latitude: -8.67, longitude: 115.21), radiusKilometres: 0.2)]
        #expect(CAPProfileCheck.problems(alert) == [
            "info[1].area[1].circle[0] radius must be greater than 0 km",
            "info[1].area[1].circle[1] centre (-8.67,181.0) is not a valid latitude/longitude",
            "info[1].area[1].circle[1] radius must be greater than 0 km",
        ])
    }

    @Test func ceilingNeedsAnAltitudeBelowIt() {
        var alert = floodWarning()
        alert.infos[0].areas[0].ceiling = 10
        #expect(CAPProfileCheck.problems(alert) == ["info[0].area[0].ceiling is given without altitude"])
        alert.infos[0].areas[0].altitude = 20
        #expect(CAPProfileCheck.problems(alert) == ["info[0].area[0].ceiling is below altitude"])
    }

    @Test func identifierAndSenderAreNonEmptyTokens() {
        for bad in ["BPBD 42", "BPBD,42", "BPBD<42", "BPBD&42", "BPBD\t42"] {
            var alert = floodWarning()
            alert.identifier = bad
            alert.sender = bad
            #expect(CAPProfileCheck.problems(alert) == ["identifier \"\(bad)\" contains a space, comma, < or &",
                                                       "sender \"\(bad)\" contains a space, comma, < or &"])
        }
        var alert = floodWarning()
        alert.identifier = ""
        alert.sender = ""
        #expect(CAPProfileCheck.problems(alert) == ["identifier is empty", "sender is empty"])
    }

    @Test func updatesAndCancelsNameAKnownEarlierAlertAndAlertsNameNone() {
        let original = floodWarning()
        let known = [original.identifier: original]
        var update = floodWarning()
        update.identifier = "BPBD-DPS-2025-0043"
        update.sent = sent.addingTimeInterval(600)
        for type in [CAPMessageType.update, .cancel] {
            update.msgType = type
            update.references = []
            #expect(CAPProfileCheck.problems(update, known: known) == ["references are missing; an \(type.rawValue) must name the alerts it refers to"])
            update.references = [CAPReference(to: original)]
            #expect(CAPProfileCheck.problems(update, known: known) == [])
        }
        // Fractions of a second do not make a different alert: CAP writes whole seconds.
        update.references = [CAPReference(sender: sender, identifier: original.identifier, sent: sent.addingTimeInterval(0.4))]
        #expect(CAPProfileCheck.problems(update, known: known) == [])
        let wrongSender = CAPReference(sender: "someone@else", identifier: original.identifier, sent: sent)
        let wrongTime = CAPReference(sender: sender, identifier: original.identifier, sent: sent.addingTimeInterval(60))
        let unknown = CAPReference(sender: sender, identifier: "BPBD-DPS-2025-0001", sent: sent)
        update.references = [wrongSender, wrongTime, unknown]
        #expect(CAPProfileCheck.problems(update, known: known) == [
            "references[0] (someone@else,BPBD-DPS-2025-0042,2025-09-10T06:35:00+08:00) names no known earlier alert",
            "references[1] (bpbd@denpasarkota.go.id,BPBD-DPS-2025-0042,2025-09-10T06:36:00+08:00) names no known earlier alert",
            "references[2] (bpbd@denpasarkota.go.id,BPBD-DPS-2025-0001,2025-09-10T06:35:00+08:00) names no known earlier alert",
        ])
        update.references = [CAPReference(to: original)]
        update.sent = sent
        #expect(CAPProfileCheck.problems(update, known: known) == [
            "references[0] (bpbd@denpasarkota.go.id,BPBD-DPS-2025-0042,2025-09-10T06:35:00+08:00) was not sent before this alert",
        ])
        update.msgType = .ack
        update.references = []
        #expect(CAPProfileCheck.problems(update, known: known) == ["references are missing; an Ack must name the alerts it refers to"])

        var alert = floodWarning()
        alert.references = [CAPReference(to: original)]
        #expect(CAPProfileCheck.problems(alert, known: known) == ["references are present, but an Alert refers to no earlier alert"])
    }

    @Test func onlyActualPublicAlertsGoToThePublicFeed() {
        for status in [CAPStatus.exercise, .system, .test, .draft] {
            var alert = floodWarning()
            alert.status = status
            #expect(CAPProfileCheck.problems(alert) == ["status is \(status.rawValue); the public feed takes only Actual"])
        }
        var alert = floodWarning()
        alert.scope = .restricted
        #expect(CAPProfileCheck.problems(alert) == ["scope is Restricted; the public feed takes only Public"])
    }

    @Test func eachInfoHasItsOwnLanguage() {
        var alert = floodWarning()
        alert.infos[1].language = "ID-id"
        #expect(CAPProfileCheck.problems(alert) == ["info[1].language ID-id repeats info[0]'s"])
        alert.infos[1].language = ""
        #expect(CAPProfileCheck.problems(alert) == ["info[1].language is empty"])
    }

    /// Writes the sample alert and feed where the outside checker's end-to-end run reads them
    /// (set `KERTA_CAP_SAMPLE_DIR`); does nothing otherwise.
    @Test func writesSamplesForTheOutsideChecker() throws {
        guard let directory = ProcessInfo.processInfo.environment["KERTA_CAP_SAMPLE_DIR"] else { return }
        let folder = URL(fileURLWithPath: directory)
        let base = ProcessInfo.processInfo.environment["KERTA_CAP_SAMPLE_BASE"] ?? "http://127.0.0.1:8000"
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("alerts"), withIntermediateDirectories: true)
        var update = floodWarning()
        update.identifier = "BPBD-DPS-2025-0043"
        update.msgType = .update
        update.sent = sent.addingTimeInterval(3600)
        update.references = [CAPReference(to: floodWarning())]
        for alert in [floodWarning(), update] {
            try CAPEncoder.xml(alert).write(to: folder.appendingPathComponent("alerts/\(alert.identifier).cap"), atomically: true, encoding: .utf8)
        }
        try CAPAtomFeed(baseURL: base).xml([update, floodWarning()]).write(to: folder.appendingPathComponent("alerts.atom"), atomically: true, encoding: .utf8)
    }
}
