import Foundation

/// How sure the sender is. CAP 1.2 dropped `Very Likely` for `Likely`; `unknown` is refused by the profile.
public enum CAPCertainty: String, Sendable, Equatable, Codable, CaseIterable {
    case observed = "Observed"
    case likely = "Likely"
    case possible = "Possible"
    case unlikely = "Unlikely"
    case unknown = "Unknown"
}
