import Foundation

/// How soon to act. `unknown` is valid CAP, but the public profile refuses it: a warning must say.
public enum CAPUrgency: String, Sendable, Equatable, Codable, CaseIterable {
    case immediate = "Immediate"
    case expected = "Expected"
    case future = "Future"
    case past = "Past"
    case unknown = "Unknown"
}
