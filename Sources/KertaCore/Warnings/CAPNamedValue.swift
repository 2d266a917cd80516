import Foundation

/// CAP's `valueName`/`value` pair (event codes, parameters, geocodes): the name says which system the value
/// belongs to, e.g. `BPS` for Indonesia's area codes, so receivers in other systems can skip it.
public struct CAPNamedValue: Sendable, Equatable, Codable {
    public var valueName: String
    public var value: String

    public init(valueName: String, value: String) {
        self.valueName = valueName
        self.value = value
    }
}
