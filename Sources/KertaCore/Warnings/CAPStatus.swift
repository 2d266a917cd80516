import Foundation

/// How real an alert is. Only `actual` reaches the public feed: the others exist so BPBD can rehearse and
/// test the chain end to end without anyone evacuating.
public enum CAPStatus: String, Sendable, Equatable, Codable, CaseIterable {
    case actual = "Actual"
    case exercise = "Exercise"
    case system = "System"
    case test = "Test"
    case draft = "Draft"
}
