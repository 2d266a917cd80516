/// Who may see an event. Stored as text (`public`, `staff`, `role:operator`, `agency:DLHK`) beside the
/// event, so the catch-up query and the live fan-out apply the same rule.
public enum EventAudience: Hashable, Sendable {
    /// Anyone, signed in or not: never personal data, never a confidential complaint.
    case `public`
    /// Every staff role.
    case staff
    /// One role (and the supervisors and administrators, who see everything).
    case role(Role)
    /// The officers of one agency, and every staff role that oversees agencies.
    case agency(String)

    public var storedValue: String {
        switch self {
        case .public: "public"
        case .staff: "staff"
        case .role(let role): "role:\(role.rawValue)"
        case .agency(let code): "agency:\(code)"
        }
    }

    /// Unknown stored values are read as staff-only: an audience this build does not know is never made public.
    public init(storedValue: String) {
        switch storedValue {
        case "public": self = .public
        case "staff": self = .staff
        default:
            if storedValue.hasPrefix("role:"), let role = Role(rawValue: String(storedValue.dropFirst(5))) {
                self = .role(role)
            } else if storedValue.hasPrefix("agency:"), storedValue.count > 7 {
                self = .agency(String(storedValue.dropFirst(7)))
            } else {
                self = .staff
            }
        }
    }

    public func isVisible(to viewer: EventViewer) -> Bool {
        switch self {
        case .public:
            return true
        case .staff:
            return viewer.role?.isStaff == true
        case .role(let role):
            return viewer.role == role || viewer.role == .supervisor || viewer.role == .admin
        case .agency(let code):
            guard let role = viewer.role, role.isStaff else { return false }
            return role != .officer || viewer.agencyCode == code
        }
    }

    /// What a viewer may see, as the catch-up query asks it: these stored values, and every agency's
    /// events when `everyAgency` holds; nil means everything (supervisors and administrators).
    public static func visibleValues(to viewer: EventViewer) -> (values: [String], everyAgency: Bool)? {
        guard let role = viewer.role, role.isStaff else { return ([EventAudience.public.storedValue], false) }
        if role == .supervisor || role == .admin { return nil }
        var values = [EventAudience.public.storedValue, EventAudience.staff.storedValue, EventAudience.role(role).storedValue]
        if role == .officer {
            if let agency = viewer.agencyCode { values.append(EventAudience.agency(agency).storedValue) }
            return (values, false)
        }
        return (values, true)
    }
}
