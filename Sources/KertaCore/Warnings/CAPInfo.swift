import Foundation

/// One language's telling of an alert. BPBD sends the same warning as `id-ID` and `en-US` infos (residents
/// and tourists), each complete on its own, since a receiver shows only the one that matches its reader.
public struct CAPInfo: Sendable, Equatable, Codable {
    /// An RFC 5646 tag; CAP assumes `en-US` when absent, so Kerta always writes it.
    public var language: String
    public var categories: [CAPCategory]
    public var event: String
    public var responseTypes: [CAPResponseType]
    public var urgency: CAPUrgency
    public var severity: CAPSeverity
    public var certainty: CAPCertainty
    public var audience: String?
    public var eventCodes: [CAPNamedValue]
    public var effective: Date?
    public var onset: Date?
    /// Required by the public profile: a warning without an end stays on people's screens for ever.
    public var expires: Date?
    public var senderName: String?
    public var headline: String?
    public var description: String?
    public var instruction: String?
    public var web: String?
    public var contact: String?
    public var parameters: [CAPNamedValue]
    public var areas: [CAPArea]

    public init(language: String, categories: [CAPCategory], event: String, responseTypes: [CAPResponseType] = [],
                urgency: CAPUrgency, severity: CAPSeverity, certainty: CAPCertainty, audience: String? = nil,
                eventCodes: [CAPNamedValue] = [], effective: Date? = nil, onset: Date? = nil, expires: Date? = nil,
                senderName: String? = nil, headline: String? = nil, description: String? = nil, instruction: String? = nil,
                web: String? = nil, contact: String? = nil, parameters: [CAPNamedValue] = [], areas: [CAPArea] = []) {
        self.language = language
        self.categories = categories
        self.event = event
        self.responseTypes = responseTypes
        self.urgency = urgency
        self.severity = severity
        self.certainty = certainty
        self.audience = audience
        self.eventCodes = eventCodes
        self.effective = effective
        self.onset = onset
        self.expires = expires
        self.senderName = senderName
        self.headline = headline
        self.description = description
        self.instruction = instruction
        self.web = web
        self.contact = contact
        self.parameters = parameters
        self.areas = areas
    }
}
