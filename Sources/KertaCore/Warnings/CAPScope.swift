import Foundation

/// Who may see an alert. Kerta's feed is public; the other scopes are kept so a stored draft round-trips.
public enum CAPScope: String, Sendable, Equatable, Codable, CaseIterable {
    case `public` = "Public"
    case restricted = "Restricted"
    case `private` = "Private"
}
