import Foundation

/// How bad it is. `unknown` is valid CAP, but the public profile refuses it: receivers rank alerts by it.
public enum CAPSeverity: String, Sendable, Equatable, Codable, CaseIterable {
    case extreme = "Extreme"
    case severe = "Severe"
    case moderate = "Moderate"
    case minor = "Minor"
    case unknown = "Unknown"
}
