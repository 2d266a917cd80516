import Foundation

/// Turns a reading into a level. Rising, a level is reached at its threshold; falling, it is left only once
/// the water is `hysteresis` centimetres below that threshold, so a river hovering at a siren's mark does not
/// sound it on and off with every reading (and does not raise an alarm each time).
public struct FloodClassifier: Sendable, Equatable {
    public let thresholds: FloodThresholds
    public let hysteresis: Double

    public init(thresholds: FloodThresholds, hysteresis: Double = 5) {
        self.thresholds = thresholds
        self.hysteresis = max(0, hysteresis)
    }

    /// The level for `value` (cm above normal) when the gauge was at `previous`.
    public func level(for value: Double, previous: FloodLevel) -> FloodLevel {
        let reached = FloodLevel.allCases.last { level in thresholds.threshold(of: level).map { value >= $0 } ?? true } ?? .normal
        guard reached < previous else { return reached }
        // Falling: the highest level passed on the way down whose band still holds the water.
        for candidate in FloodLevel.allCases.reversed() where candidate > reached && candidate <= previous {
            if let threshold = thresholds.threshold(of: candidate), value > threshold - hysteresis { return candidate }
        }
        return reached
    }

    /// Classifies readings in time order from `start`, each against the level the one before left.
    public func levels(for values: [Double], from start: FloodLevel) -> [FloodLevel] {
        var current = start
        return values.map { value in
            current = level(for: value, previous: current)
            return current
        }
    }
}
