import Foundation

/// A CAP 1.2 message as BPBD issues it: the envelope (who, when, what kind) and one info per language.
///
/// Plain values, so the service can keep a draft as JSON, check it with ``CAPProfileCheck`` and render it
/// with ``CAPEncoder`` without the three disagreeing about what an alert is.
public struct CAPAlert: Sendable, Equatable, Codable {
    /// Unique per sender, for ever: updates and cancels find the alert by it.
    public var identifier: String
    /// The sender's stable address (e.g. `bpbd@denpasarkota.go.id`), part of every reference to this alert.
    public var sender: String
    public var sent: Date
    public var status: CAPStatus
    public var msgType: CAPMessageType
    public var scope: CAPScope
    public var source: String?
    public var restriction: String?
    public var note: String?
    public var references: [CAPReference]
    /// Space-separated incident names that group related alerts, as CAP writes them.
    public var incidents: String?
    public var infos: [CAPInfo]

    public init(identifier: String, sender: String, sent: Date, status: CAPStatus = .actual, msgType: CAPMessageType = .alert,
                scope: CAPScope = .public, source: String? = nil, restriction: String? = nil, note: String? = nil,
                references: [CAPReference] = [], incidents: String? = nil, infos: [CAPInfo] = []) {
        self.identifier = identifier
        self.sender = sender
        self.sent = sent
        self.status = status
        self.msgType = msgType
        self.scope = scope
        self.source = source
        self.restriction = restriction
        self.note = note
        self.references = references
        self.incidents = incidents
        self.infos = infos
    }
}
