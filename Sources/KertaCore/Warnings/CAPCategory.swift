import Foundation

/// CAP's coarse kind of event: receivers (phones, broadcasters) filter on it, so it is a closed list.
public enum CAPCategory: String, Sendable, Equatable, Codable, CaseIterable {
    case geo = "Geo"
    case met = "Met"
    case safety = "Safety"
    case security = "Security"
    case rescue = "Rescue"
    case fire = "Fire"
    case health = "Health"
    case env = "Env"
    case transport = "Transport"
    case infra = "Infra"
    case cbrne = "CBRNE"
    case other = "Other"
}
