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
    /// A confidential subject's: those who may read it — the verifiers, supervisors and administrators, and
    /// the officers of the agency holding it (none while no agency does); not operators, not other agencies.
    case confidential(String?)

    public var storedValue: String {
        switch self {
        case .public: "public"
        case .staff: "staff"
        case .role(let role): "role:\(role.rawValue)"
        case .agency(let code): "agency:\(code)"
        case .confidential(let code): code.map { "confidential:\($0)" } ?? "confidential"
        }
    }

    /// Unknown stored values are read as staff-only: an audience this build does not know is never made public.
    public init(storedValue: String) {
        switch storedValue {
        case "public": self = .public
        case "staff": self = .staff
        case "confidential": self = .confidential(nil)
        default:
            if storedValue.hasPrefix("role:"), let role = Role(rawValue: String(storedValue.dropFirst(5))) {
                self = .role(role)
            } else if storedValue.hasPrefix("agency:"), storedValue.count > 7 {
                self = .agency(String(storedValue.dropFirst(7)))
            } else if storedValue.hasPrefix("confidential:"), storedValue.count > 13 {
                self = .confidential(String(storedValue.dropFirst(13)))
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
        case .confidential(let code):
            switch viewer.role {
            case .verifier, .supervisor, .admin: return true
            case .officer: return code != nil && viewer.agencyCode == code
            case .citizen, .operator, nil: return false
            }
        }
    }

    /// What a viewer may see, as the catch-up query asks it: these stored values, and every value starting
    /// with one of `prefixes`; nil means everything (supervisors and administrators). Agrees with ``isVisible(to:)``.
    public static func visibleValues(to viewer: EventViewer) -> (values: [String], prefixes: [String])? {
        guard let role = viewer.role, role.isStaff else { return ([EventAudience.public.storedValue], []) }
        if role == .supervisor || role == .admin { return nil }
        var values = [EventAudience.public.storedValue, EventAudience.staff.storedValue, EventAudience.role(role).storedValue]
        switch role {
        case .officer:
            if let agency = viewer.agencyCode {
                values += [EventAudience.agency(agency).storedValue, EventAudience.confidential(agency).storedValue]
            }
            return (values, [])
        case .verifier:
            return (values + [EventAudience.confidential(nil).storedValue], ["agency:", "confidential:"])
        default:
            return (values, ["agency:"])
        }
    }
}
