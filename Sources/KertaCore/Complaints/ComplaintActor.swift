/// Who is acting on a complaint, as far as the rules care.
public struct ComplaintActor: Sendable, Equatable {
    /// nil for a visitor who is not signed in (they may still be the reporter, by the complaint's access key).
    public let role: Role?
    /// The agency a staff member works for.
    public let agencyCode: String?
    /// The person who reported this complaint (or follows it by its access key).
    public let isReporter: Bool
    /// Kerta itself: the deadline job that closes resolved complaints nobody answered.
    public let isSystem: Bool

    public init(role: Role?, agencyCode: String?, isReporter: Bool, isSystem: Bool = false) {
        self.role = role
        self.agencyCode = agencyCode
        self.isReporter = isReporter
        self.isSystem = isSystem
    }

    public static let system = ComplaintActor(role: nil, agencyCode: nil, isReporter: false, isSystem: true)
    public static let anonymousVisitor = ComplaintActor(role: nil, agencyCode: nil, isReporter: false)

    func isOfficer(of agency: String?) -> Bool {
        role == .officer && agency != nil && agencyCode == agency
    }
}
