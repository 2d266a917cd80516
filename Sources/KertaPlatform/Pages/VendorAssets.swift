import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Whether Debian's Leaflet (`libjs-leaflet`) and Chart.js (`libjs-chart.js`) are installed in
/// `KERTA_JS_DIR`, and which of their files the pages load. Without them the map and chart boxes say so
/// in words (and how the operator installs them) instead of staying empty.
package struct VendorAssets: Encodable, Sendable, Equatable {
    /// `/vendor/leaflet/…` script to load, or empty when Leaflet is missing.
    package let leafletScript: String
    /// `/vendor/chart.js/…` script to load, or empty when Chart.js is missing.
    package let chartScript: String

    package var leaflet: Bool { !leafletScript.isEmpty }
    package var chart: Bool { !chartScript.isEmpty }

    package enum CodingKeys: String, CodingKey { case leafletScript, chartScript, leaflet, chart }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(leafletScript, forKey: .leafletScript)
        try container.encode(chartScript, forKey: .chartScript)
        try container.encode(leaflet, forKey: .leaflet)
        try container.encode(chart, forKey: .chart)
    }

    /// Looks at the folder: the minified file first (lighter for phones), the plain one otherwise, as
    /// Debian's packages have shipped one or the other over the releases. Leaflet also needs its stylesheet.
    package static func detect(in directory: String) -> VendorAssets {
        let files = FileManager.default
        func first(_ package: String, _ names: [String]) -> String {
            names.first { files.fileExists(atPath: "\(directory)/\(package)/\($0)") }.map { "/vendor/\(package)/\($0)" } ?? ""
        }
        let hasLeafletStyle = files.fileExists(atPath: "\(directory)/leaflet/leaflet.css")
        return VendorAssets(leafletScript: hasLeafletStyle ? first("leaflet", ["leaflet.min.js", "leaflet.js"]) : "",
                            chartScript: first("chart.js", ["chart.min.js", "chart.umd.js", "chart.js"]))
    }

    /// Decided once per process and folder: the packages are installed or removed with the server stopped,
    /// and pages should not touch the disk on every request. A lock rather than the application's storage,
    /// which is not safe to fill from several event loops at once.
    private static let decided = NIOLockedValueBox<[String: VendorAssets]>([:])

    package static func decided(for directory: String) -> VendorAssets {
        decided.withLockedValue { known in
            if let assets = known[directory] { return assets }
            let assets = detect(in: directory)
            known[directory] = assets
            return assets
        }
    }
}

extension Application {
    /// Leaflet and Chart.js as the pages use them, from `KertaConfiguration.javascriptDirectory`.
    package var vendorAssets: VendorAssets { VendorAssets.decided(for: kertaConfiguration.javascriptDirectory) }
}
