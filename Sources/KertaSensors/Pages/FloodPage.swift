import KertaCore
import KertaPlatform

/// `/banjir`: the gauges with their level's word and colour, a 24-hour chart each (read from SensorThings),
/// the warnings in force with their instructions, and the flood-prone areas.
package struct FloodPage: Encodable {
    package struct LevelKey: Encodable { let code: String; let word: String; let colour: String }

    let gauges: [GaugeView]
    let warnings: [WarningView]
    let areas: [FloodArea]
    let levels: [LevelKey]
    let gaugesURL = "/api/v1/flood/gauges"
    let areasURL = "/api/v1/areas?level=desa"
    let streamURL = "/api/v1/events/stream?layers=rivers"
    let feedURL = "/alerts.atom"
    let warningsURL = "/alerts.json"

    package init(gauges: [GaugeView], warnings: [WarningView], areas: [FloodArea], language: Language) {
        self.gauges = gauges
        self.warnings = warnings
        self.areas = areas
        levels = FloodLevel.allCases.map { LevelKey(code: $0.code, word: $0.word.text(language), colour: $0.colour) }
            + [LevelKey(code: "unknown", word: language == .english ? "No published scale" : "Ambang belum ditetapkan", colour: "#757575")]
    }
}
