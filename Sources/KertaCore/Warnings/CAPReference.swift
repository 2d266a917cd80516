import Foundation

/// An earlier message an update or cancel replaces. CAP identifies a message by all three parts, since
/// identifiers are unique only per sender.
public struct CAPReference: Sendable, Equatable, Codable {
    public var sender: String
    public var identifier: String
    public var sent: Date

    public init(sender: String, identifier: String, sent: Date) {
        self.sender = sender
        self.identifier = identifier
        self.sent = sent
    }

    /// The reference to an alert already published, taken from it so the three parts cannot disagree.
    public init(to alert: CAPAlert) {
        self.init(sender: alert.sender, identifier: alert.identifier, sent: alert.sent)
    }
}
