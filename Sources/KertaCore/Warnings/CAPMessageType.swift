import Foundation

/// What a message does to the alerts before it: a new `alert`, or an `update`/`cancel` that names the
/// earlier ones in its references, so a receiver replaces rather than adds a warning.
public enum CAPMessageType: String, Sendable, Equatable, Codable, CaseIterable {
    case alert = "Alert"
    case update = "Update"
    case cancel = "Cancel"
    case ack = "Ack"
    case error = "Error"
}
