import Foundation

/// What an operator writes in a warning, in both languages, before it becomes a CAP alert. Kept as the
/// draft's record; ``alert(identifier:sender:sent:msgType:references:web:)`` turns it into the message.
public struct WarningContent: Sendable, Equatable, Codable {
    public var event: LocalizedText
    public var headline: LocalizedText
    public var description: LocalizedText
    public var instruction: LocalizedText
    public var urgency: CAPUrgency
    public var severity: CAPSeverity
    public var certainty: CAPCertainty
    public var responseTypes: [CAPResponseType]
    public var areaDescription: String
    /// A ring of points (closed when it becomes CAP), or none.
    public var polygon: [GeoPoint]
    public var circle: CAPCircle?
    /// Kemendagri codes of the desa the warning covers.
    public var desaCodes: [String]
    public var onset: Date?
    public var expires: Date
    /// The gauge or alarm it came from, when it did.
    public var gaugeCode: String?

    public init(event: LocalizedText, headline: LocalizedText, description: LocalizedText, instruction: LocalizedText,
                urgency: CAPUrgency, severity: CAPSeverity, certainty: CAPCertainty, responseTypes: [CAPResponseType],
                areaDescription: String, polygon: [GeoPoint], circle: CAPCircle?, desaCodes: [String], onset: Date?, expires: Date,
                gaugeCode: String? = nil) {
        self.event = event
        self.headline = headline
        self.description = description
        self.instruction = instruction
        self.urgency = urgency
        self.severity = severity
        self.certainty = certainty
        self.responseTypes = responseTypes
        self.areaDescription = areaDescription
        self.polygon = polygon
        self.circle = circle
        self.desaCodes = desaCodes
        self.onset = onset
        self.expires = expires
        self.gaugeCode = gaugeCode
    }

    /// The CAP message: an Indonesian and an English `<info>`, the same area in each.
    public func alert(identifier: String, sender: String, sent: Date, msgType: CAPMessageType, references: [CAPReference], web: String?,
                      status: CAPStatus = .actual) -> CAPAlert {
        var ring = polygon
        if let first = ring.first, ring.last != first { ring.append(first) }
        let area = CAPArea(areaDesc: areaDescription, polygons: ring.isEmpty ? [] : [ring], circles: circle.map { [$0] } ?? [],
                           geocodes: desaCodes.map { CAPNamedValue(valueName: "KEMENDAGRI", value: $0) })
        func info(_ language: Language) -> CAPInfo {
            CAPInfo(language: language == .indonesian ? "id-ID" : "en-US", categories: [.met], event: event.text(language),
                    responseTypes: responseTypes, urgency: urgency, severity: severity, certainty: certainty, audience: nil,
                    eventCodes: [], effective: sent, onset: onset, expires: expires,
                    senderName: language == .indonesian ? "BPBD Kota Denpasar" : "Denpasar City Disaster Management Agency (BPBD)",
                    headline: headline.text(language), description: description.text(language), instruction: instruction.text(language),
                    web: web, contact: "Pusdalops BPBD Kota Denpasar, 112 / (0361) 223333",
                    parameters: gaugeCode.map { [CAPNamedValue(valueName: "kerta:gauge", value: $0)] } ?? [], areas: [area])
        }
        return CAPAlert(identifier: identifier, sender: sender, sent: sent, status: status, msgType: msgType, scope: .public,
                        source: "Kerta", references: references, infos: [info(.indonesian), info(.english)])
    }
}
