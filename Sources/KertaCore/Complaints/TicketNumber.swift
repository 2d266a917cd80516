import Foundation

/// The number a resident follows a complaint by, e.g. `PRO-2026-000123`: the programme, the year
/// (WITA) it was reported, and its place in that year's count.
public struct TicketNumber: Sendable, Equatable, Hashable, CustomStringConvertible {
    public static let prefix = "PRO"

    public let year: Int
    public let sequence: Int

    public init(year: Int, sequence: Int) {
        self.year = year
        self.sequence = sequence
    }

    public init?(_ text: String) {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 3, parts[0] == Self.prefix, parts[1].count == 4, let year = Int(parts[1]),
              parts[2].count >= 6, let sequence = Int(parts[2]), sequence > 0 else { return nil }
        self.init(year: year, sequence: sequence)
    }

    public var description: String {
        "\(Self.prefix)-\(year)-" + String(repeating: "0", count: max(0, 6 - String(sequence).count)) + String(sequence)
    }

    /// The WITA year an instant falls in: a report sent at 01:00 WITA on 1 January belongs to the new year.
    public static func year(of date: Date) -> Int {
        Calendar.wita.component(.year, from: date)
    }
}
