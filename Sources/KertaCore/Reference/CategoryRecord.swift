/// A complaint category as the reference data lists it.
public struct CategoryRecord: Hashable, Sendable, Codable {
    public let code: String
    public let groupID: String
    public let groupEN: String
    public let nameID: String
    public let nameEN: String
    /// The agency complaints go to unless an admin overrides it.
    public let agencyCode: String
    /// The agency that often shares the work, offered first when the main one refers a complaint.
    public let secondaryAgencyCode: String?
    public let priority: Priority
    /// When the 112 emergency line should be called instead: "yes", "no", or a condition in words.
    public let emergency112: String

    public init(code: String, groupID: String, groupEN: String, nameID: String, nameEN: String, agencyCode: String,
                secondaryAgencyCode: String?, priority: Priority, emergency112: String) {
        self.code = code
        self.groupID = groupID
        self.groupEN = groupEN
        self.nameID = nameID
        self.nameEN = nameEN
        self.agencyCode = agencyCode
        self.secondaryAgencyCode = secondaryAgencyCode
        self.priority = priority
        self.emergency112 = emergency112
    }
}
