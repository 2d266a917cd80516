import Fluent
import Foundation
import KertaCore

/// A capability's alarm rules. The alarm engine hands each source the events logged since it last
/// looked, and the time; the source answers what to raise. Sources that watch a state rather than an
/// event (a complaint waiting too long) look at their own tables at `now`.
package protocol AlarmSource: Sendable {
    func triggers(after events: [EventView], now: Date, on db: any Database) async throws -> [AlarmTrigger]
}

/// A capability's figures for the command room's KPI strip, merged into one answer.
package protocol CommandFigures: Sendable {
    func figures(now: Date, viewer: User?, on db: any Database) async throws -> [String: FigureValue]
}

/// A KPI's value in the JSON answer.
package enum FigureValue: Encodable, Sendable, Equatable {
    case count(Int)
    case seconds(Double?)
    case counts([String: Int])
    case rows([FigureRow])
    /// Already in words, for a page's first paint.
    case text(String)

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .count(let value): try container.encode(value)
        case .seconds(let value): try container.encode(value.map { $0.rounded() })
        case .counts(let value): try container.encode(value)
        case .rows(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }
}

package struct FigureRow: Encodable, Sendable, Equatable {
    package let agency: String
    package let name: String
    package let count: Int
    package init(agency: String, name: String, count: Int) {
        self.agency = agency
        self.name = name
        self.count = count
    }
}
