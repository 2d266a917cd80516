/// Who is watching the event stream, as the audience rules see them: nobody signed in, or a role (with
/// the agency an officer works for).
public struct EventViewer: Sendable, Hashable {
    public let role: Role?
    public let agencyCode: String?

    public init(role: Role?, agencyCode: String?) {
        self.role = role
        self.agencyCode = agencyCode
    }

    public static let visitor = EventViewer(role: nil, agencyCode: nil)
}
