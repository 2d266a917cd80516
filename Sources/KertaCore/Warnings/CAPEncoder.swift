import Foundation

/// Writes a ``CAPAlert`` as a CAP 1.2 XML document.
///
/// Element order follows the OASIS schema's sequences exactly: the schema is a strict `xs:sequence`, and
/// validators (and some receivers) refuse an alert whose elements are all there but out of order.
public enum CAPEncoder {
    public static let namespace = "urn:oasis:names:tc:emergency:cap:1.2"
    public static let mediaType = "application/cap+xml"

    public static func xml(_ alert: CAPAlert) -> String {
        var w = CAPXMLWriter()
        w.start("alert", ["xmlns": namespace])
        w.element("identifier", alert.identifier)
        w.element("sender", alert.sender)
        w.element("sent", dateTime(alert.sent))
        w.element("status", alert.status.rawValue)
        w.element("msgType", alert.msgType.rawValue)
        w.element("source", alert.source)
        w.element("scope", alert.scope.rawValue)
        w.element("restriction", alert.restriction)
        w.element("note", alert.note)
        if !alert.references.isEmpty { w.element("references", references(alert.references)) }
        w.element("incidents", alert.incidents)
        for info in alert.infos { write(info, to: &w) }
        w.end()
        return w.text
    }

    /// CAP's dateTime: WITA with its offset and whole seconds. The schema's pattern admits neither fractional
    /// seconds nor `Z`, so the ISO 8601 forms Foundation writes by default would fail validation.
    public static func dateTime(_ date: Date) -> String {
        WITATimestamp.string(from: date)
    }

    /// Space-separated `sender,identifier,sent` triples, the one form CAP gives references.
    public static func references(_ references: [CAPReference]) -> String {
        references.map { "\($0.sender),\($0.identifier),\(dateTime($0.sent))" }.joined(separator: " ")
    }

    /// `lat,lon` pairs separated by spaces. An open ring is closed here, since receivers drop a polygon whose
    /// last point is not its first; ``CAPProfileCheck`` still reports it so the draft itself gets fixed.
    public static func polygon(_ points: [GeoPoint]) -> String {
        var ring = points
        if let first = ring.first, ring.last != first { ring.append(first) }
        return ring.map(pair).joined(separator: " ")
    }

    /// `lat,lon radius`, the radius in kilometres.
    public static func circle(_ circle: CAPCircle) -> String {
        pair(circle.center) + " " + decimal(circle.radiusKilometres)
    }

    /// A plain decimal to six places (about 0.1 m), without the exponent Swift's `description` writes for
    /// small numbers (`1e-05`), which CAP's readers and `xs:decimal` do not accept.
    static func decimal(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    private static func pair(_ point: GeoPoint) -> String {
        decimal(point.latitude) + "," + decimal(point.longitude)
    }

    private static func write(_ info: CAPInfo, to w: inout CAPXMLWriter) {
        w.start("info")
        w.element("language", info.language)
        for category in info.categories { w.element("category", category.rawValue) }
        w.element("event", info.event)
        for response in info.responseTypes { w.element("responseType", response.rawValue) }
        w.element("urgency", info.urgency.rawValue)
        w.element("severity", info.severity.rawValue)
        w.element("certainty", info.certainty.rawValue)
        w.element("audience", info.audience)
        for code in info.eventCodes { write(code, as: "eventCode", to: &w) }
        w.element("effective", info.effective.map(dateTime))
        w.element("onset", info.onset.map(dateTime))
        w.element("expires", info.expires.map(dateTime))
        w.element("senderName", info.senderName)
        w.element("headline", info.headline)
        w.element("description", info.description)
        w.element("instruction", info.instruction)
        w.element("web", info.web)
        w.element("contact", info.contact)
        for parameter in info.parameters { write(parameter, as: "parameter", to: &w) }
        for area in info.areas {
            w.start("area")
            w.element("areaDesc", area.areaDesc)
            for ring in area.polygons { w.element("polygon", polygon(ring)) }
            for c in area.circles { w.element("circle", circle(c)) }
            for code in area.geocodes { write(code, as: "geocode", to: &w) }
            w.element("altitude", area.altitude.map(decimal))
            w.element("ceiling", area.ceiling.map(decimal))
            w.end()
        }
        w.end()
    }

    private static func write(_ pair: CAPNamedValue, as name: String, to w: inout CAPXMLWriter) {
        w.start(name)
        w.element("valueName", pair.valueName)
        w.element("value", pair.value)
        w.end()
    }
}
