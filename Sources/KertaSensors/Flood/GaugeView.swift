import Foundation
import KertaCore
import KertaPlatform

/// A gauge as the public page, the dashboard's layer and the JSON API show it: always its level's word and
/// colour, never a bare level number; "not published" when its site has no published scale.
package struct GaugeView: Encodable, Sendable {
    package struct Level: Encodable, Sendable {
        let code: String
        let word: String
        let colour: String
        let advice: String
    }

    package struct Scale: Encodable, Sendable {
        /// `published`, `operator_set` or `not_published`.
        let status: String
        let statusText: String
        let waspadaCm: Double?
        let siagaCm: Double?
        let awasCm: Double?
        let effectiveFrom: String
        let basis: String
    }

    let code: String
    let name: String
    let river: String
    let pointType: String
    let latitude: Double?
    let longitude: Double?
    let desaCode: String?
    let desaName: String?
    let level: Level
    let scale: Scale
    let lastValueCm: Double?
    let lastAt: String?
    /// "12 Nov 2026 14.05 WITA", for people.
    let lastAtText: String?
    let rising: Bool
    let offline: Bool
    /// Its water-level Datastream's observations in SensorThings, for the chart: a path on this server, so the
    /// page fetches it from where it was served whatever the public address says.
    let observationsURL: String
    let rainObservationsURL: String?

    package init(_ gauge: FloodGauge, version: FloodThreshold?, language: Language, staBase: String) {
        code = gauge.code
        name = gauge.name
        river = gauge.river
        pointType = gauge.pointType
        latitude = gauge.latitude
        longitude = gauge.longitude
        desaCode = gauge.desaCode
        desaName = gauge.desaName
        // No scale, or no reading yet: no level is claimed.
        let published = version?.thresholds != nil && gauge.lastAt != nil
        let shown = published ? gauge.level : .normal
        level = Level(code: published ? shown.code : "unknown",
                      word: published ? shown.word.text(language)
                          : version?.thresholds == nil ? (language == .english ? "No published scale" : "Ambang belum ditetapkan")
                          : (language == .english ? "No readings yet" : "Belum ada data"),
                      colour: published ? shown.colour : "#757575",
                      advice: published ? shown.advice.text(language)
                          : (language == .english ? "Readings are shown; no alert level is claimed until a scale is set."
                                                  : "Data ditampilkan; status siaga belum dapat ditentukan sebelum ambang ditetapkan."))
        let status = version?.status ?? .notPublished
        scale = Scale(status: status.rawValue, statusText: Self.statusText(status, language),
                      waspadaCm: version?.waspadaCM, siagaCm: version?.siagaCM, awasCm: version?.awasCM,
                      effectiveFrom: version.flatMap { $0.status == .notPublished ? nil : WITAReadableTime.string(from: $0.effectiveFrom, language) } ?? "",
                      basis: version?.basis ?? "")
        lastValueCm = gauge.lastValue
        lastAt = gauge.lastAt.map { WITATimestamp.string(from: $0) }
        lastAtText = gauge.lastAt.map { WITAReadableTime.string(from: $0, language) }
        rising = gauge.risingSince != nil
        offline = gauge.offlineSince != nil
        observationsURL = "\(staBase)/Datastreams(\(gauge.levelStreamID))/Observations"
        rainObservationsURL = gauge.rainStreamID.map { "\(staBase)/Datastreams(\($0))/Observations" }
    }

    static func statusText(_ status: FloodThreshold.Status, _ language: Language) -> String {
        switch (status, language) {
        case (.published, .english): "Published by BPBD"
        case (.published, _): "Ditetapkan BPBD"
        case (.operatorSet, .english): "Set by an operator"
        case (.operatorSet, _): "Ditetapkan operator"
        case (.notPublished, .english): "Not published"
        case (.notPublished, _): "Belum ditetapkan"
        }
    }
}
