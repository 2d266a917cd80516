import Foundation

/// The alarm load of a control room as ISA-18.2 and EEMUA 191 measure it, over a window cut into
/// 10-minute periods: alarms per operator per period (EEMUA 191: about one is manageable, ≥ 10 is a
/// flood), the share of periods in flood, the ten noisiest sources and the mean time to acknowledge.
public struct AlarmLoad: Sendable, Equatable {
    /// One raising of an alarm: a new alarm or a repeat of one.
    public struct Occurrence: Sendable, Equatable {
        public let source: String
        public let at: Date
        public init(source: String, at: Date) {
            self.source = source
            self.at = at
        }
    }

    public struct Source: Sendable, Equatable {
        public let source: String
        public let count: Int
    }

    public static let period: TimeInterval = 600
    /// EEMUA 191's flood: ten or more alarms in ten minutes.
    public static let floodThreshold = 10

    public let periods: Int
    public let occurrences: Int
    /// Mean alarms per operator per 10 minutes.
    public let perOperatorPerPeriod: Double
    public let floodPeriods: Int
    public let floodShare: Double
    /// The busiest period's count.
    public let peak: Int
    public let noisiest: [Source]
    /// nil when nothing was acknowledged in the window.
    public let meanTimeToAcknowledge: TimeInterval?

    /// `acknowledgements` are the raise-to-acknowledge delays of the alarms acknowledged in the window.
    public init(occurrences list: [Occurrence], acknowledgements: [TimeInterval], operators: Int, from start: Date, to end: Date) {
        let span = max(end.timeIntervalSince(start), Self.period)
        periods = Int((span / Self.period).rounded(.up))
        let inWindow = list.filter { $0.at >= start && $0.at < end }
        occurrences = inWindow.count
        var perPeriod = [Int](repeating: 0, count: periods)
        for occurrence in inWindow {
            perPeriod[min(periods - 1, Int(occurrence.at.timeIntervalSince(start) / Self.period))] += 1
        }
        perOperatorPerPeriod = Double(inWindow.count) / Double(periods) / Double(max(operators, 1))
        floodPeriods = perPeriod.filter { $0 >= Self.floodThreshold }.count
        floodShare = Double(floodPeriods) / Double(periods)
        peak = perPeriod.max() ?? 0
        let counts = Dictionary(grouping: inWindow, by: \.source).mapValues(\.count)
        noisiest = counts.map { Source(source: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.source < $1.source }
            .prefix(10).map { $0 }
        meanTimeToAcknowledge = acknowledgements.isEmpty ? nil : acknowledgements.reduce(0, +) / Double(acknowledgements.count)
    }

    /// Whether the panel should group alarms by type: the current 10 minutes are a flood.
    public static func isFlood(_ recent: [Date], now: Date) -> Bool {
        recent.filter { $0 > now.addingTimeInterval(-period) && $0 <= now }.count >= floodThreshold
    }
}
