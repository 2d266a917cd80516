/// How Kerta's workflow reads in GeoReport v2, which knows only `open` and `closed`.
public enum Open311Status {
    /// `open` for every state before a resolution; `closed` once resolved, closed, rejected or a duplicate.
    public static func of(_ status: ComplaintStatus) -> String {
        switch status {
        case .resolved, .closed, .rejected, .duplicate: "closed"
        default: "open"
        }
    }

    public static func statuses(for open311: String) -> [ComplaintStatus]? {
        switch open311 {
        case "open": ComplaintStatus.allCases.filter { of($0) == "open" }
        case "closed": ComplaintStatus.allCases.filter { of($0) == "closed" }
        default: nil
        }
    }

    /// The CitySDK detailed status, for clients that show more than open/closed.
    public static func detailed(_ status: ComplaintStatus) -> String {
        switch status {
        case .submitted, .referred: "RECEIVED"
        case .dispatched, .inProgress, .onHold, .reopened: "IN_PROCESS"
        case .resolved, .closed: "PROCESSED"
        case .rejected, .duplicate: "REJECTED"
        }
    }
}
