/// An agency as the reference data lists it.
public struct AgencyRecord: Hashable, Sendable, Codable {
    /// Whether complaints can be dispatched to it, or only referred to it as an outside body.
    public enum Intake: String, Sendable, Codable {
        case yes, no, referral
    }

    public let code: String
    public let nameID: String
    public let nameEN: String
    public let kind: String
    public let intake: Intake
    public let notes: String

    public init(code: String, nameID: String, nameEN: String, kind: String, intake: Intake, notes: String) {
        self.code = code
        self.nameID = nameID
        self.nameEN = nameEN
        self.kind = kind
        self.intake = intake
        self.notes = notes
    }
}
