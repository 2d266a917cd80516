/// One day off on the city's calendar.
public struct Holiday: Hashable, Sendable, Codable {
    public let date: CivilDate
    public let nameID: String
    public let nameEN: String
    public let kind: HolidayKind

    public init(date: CivilDate, nameID: String, nameEN: String, kind: HolidayKind) {
        self.date = date
        self.nameID = nameID
        self.nameEN = nameEN
        self.kind = kind
    }
}
