import Fluent
import Foundation
import KertaCore
import KertaPlatform
import Vapor

/// Denpasar's rivers in the simulated city: every placed gauge reports every five minutes through the same
/// path as a real one (SensorThings rows, the flood rules, their events), and a storm upstream comes ten
/// minutes into the run and every twelve hours after: rain at the upstream gauges, then a flood wave down
/// Tukad Badung that takes the Pasar Badung bridge through Waspada, Siaga and Awas and recedes within hours.
package struct FloodSimulator: CitySimulator {
    package let name = "rivers"
    package let app: Application
    package let clock: ManualClock
    /// When the first storm begins.
    package let firstStorm: Date
    package static let stormEvery: TimeInterval = 12 * 3600

    /// Peak above normal (cm) and minutes from the start of the rain to the peak, per gauge: the wave reaches
    /// the weirs upstream first. Gauges not named see a small rise.
    static let waves: [String: (peak: Double, minutes: Double)] = [
        "RIV-05": (240, 45), "RIV-06": (250, 48), "RIV-04": (260, 50), "RIV-01": (290, 55), "RIV-02": (280, 57), "RIV-03": (270, 60),
        "RIV-07": (120, 90), "RIV-08": (90, 100),
    ]

    package init(app: Application, clock: ManualClock, firstStorm: Date) {
        self.app = app
        self.clock = clock
        self.firstStorm = firstStorm
    }

    /// The level at `time`: the gauge's normal few centimetres, the tide's swing, and the storm's wave
    /// (a gamma-shaped hydrograph: steep rise, long recession).
    static func level(_ code: String, at time: Date, firstStorm: Date, index: Int) -> Double {
        let base = 6 + Double(index % 4) * 3 + 2 * sin(time.timeIntervalSince1970 / 3600 / 12.42 * 2 * .pi)
        let since = time.timeIntervalSince(firstStorm)
        guard since >= 0 else { return (base * 10).rounded() / 10 }
        let minutes = since.truncatingRemainder(dividingBy: stormEvery) / 60
        let wave = waves[code] ?? (40, 70)
        let x = minutes / wave.minutes
        let rise = x <= 0 ? 0 : wave.peak * pow(x, 3) * exp(3 * (1 - x))
        return ((base + rise) * 10).rounded() / 10
    }

    /// Millimetres in five minutes: the storm's forty minutes of heavy rain upstream.
    static func rain(at time: Date, firstStorm: Date) -> Double {
        let since = time.timeIntervalSince(firstStorm)
        guard since >= 0 else { return 0 }
        let minutes = since.truncatingRemainder(dividingBy: stormEvery) / 60
        return minutes < 40 ? 6 + 3 * sin(minutes / 40 * .pi) : 0
    }

    package func advance(from start: Date, to end: Date) async throws -> Int {
        let interval = DemoGaugeSeeder.reportInterval
        var time = Date(timeIntervalSince1970: (start.timeIntervalSince1970 / interval).rounded(.up) * interval)
        guard time < end else { return 0 }
        let gauges = try await FloodGauge.query(on: app.db).filter(\.$latitude != nil).sort(\.$code).all()
        guard !gauges.isEmpty else { return 0 }
        var written = 0
        while time < end {
            clock.set(time)
            let at = time
            let readings = gauges.enumerated().map { index, gauge in
                (gauge.levelStreamID, Self.level(gauge.code, at: at, firstStorm: firstStorm, index: index), gauge.rainStreamID)
            }
            let rain = Self.rain(at: at, firstStorm: firstStorm)
            try await SensorWrites.record(on: app.db, hub: app.eventHub, monitor: app.floodMonitor, now: at) { writer, _ in
                for (stream, value, rainStream) in readings {
                    try await writer.create(.observation, .object([("phenomenonTime", .string(STATime.text(at))), ("result", .double(value)),
                                                                   ("Datastream", .object([("@iot.id", .int(stream))]))]))
                    if let rainStream {
                        try await writer.create(.observation, .object([("phenomenonTime", .string(STATime.text(at))), ("result", .double((rain * 10).rounded() / 10)),
                                                                       ("Datastream", .object([("@iot.id", .int(rainStream))]))]))
                    }
                }
                return ()
            }
            written += readings.count
            time = time.addingTimeInterval(interval)
        }
        return written
    }
}
