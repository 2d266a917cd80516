import Foundation

/// The action people are told to take, coded so a receiver can show it without reading the instruction.
public enum CAPResponseType: String, Sendable, Equatable, Codable, CaseIterable {
    case shelter = "Shelter"
    case evacuate = "Evacuate"
    case prepare = "Prepare"
    case execute = "Execute"
    case avoid = "Avoid"
    case monitor = "Monitor"
    case assess = "Assess"
    case allClear = "AllClear"
    /// CAP's `None`; named otherwise so it is never mistaken for `Optional.none`.
    case noAction = "None"
}
