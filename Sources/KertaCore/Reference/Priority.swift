/// How urgently a category's complaints must be resolved.
///
/// Tiers follow the service standards Indonesian units publish (ringan 2, normatif 5,
/// non-pengawasan 14, perlu investigasi 60 working days); `critical` is for emergencies that the
/// 112 line handles in minutes, where the complaint only records the follow-up.
public enum Priority: String, CaseIterable, Sendable, Codable, Comparable {
    case critical
    case high
    case medium
    case low
    case investigation

    /// Working days from dispatch within which the agency must resolve.
    public var resolutionWorkingDays: Int {
        switch self {
        case .critical: 1
        case .high: 2
        case .medium: 5
        case .low: 14
        case .investigation: 60
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rank < rhs.rank }
}
