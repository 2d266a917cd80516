/// How urgently an operator should look at an event; the dashboard's alarm panel sorts by it.
public enum EventSeverity: String, CaseIterable, Sendable, Codable, Comparable {
    case info, low, medium, high, critical

    public static func < (a: EventSeverity, b: EventSeverity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
