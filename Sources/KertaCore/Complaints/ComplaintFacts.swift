import Foundation

/// What the rules need to know about a complaint to decide who may see it and what may happen next.
public struct ComplaintFacts: Sendable, Equatable {
    public var status: ComplaintStatus
    public var visibility: ComplaintVisibility
    /// The agency it is assigned to; nil until dispatched.
    public var agencyCode: String?
    /// When it was last marked resolved; the reporter's 10 working days to dispute count from here.
    public var resolvedAt: Date?

    public init(status: ComplaintStatus, visibility: ComplaintVisibility, agencyCode: String?, resolvedAt: Date? = nil) {
        self.status = status
        self.visibility = visibility
        self.agencyCode = agencyCode
        self.resolvedAt = resolvedAt
    }
}
