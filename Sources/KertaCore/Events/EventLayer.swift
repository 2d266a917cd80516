import Foundation

/// The operators' map and feed are layered; every event belongs to one layer, and subscribers pick layers.
/// The command center's issues add theirs (rivers, fleet, boats, incidents, cctv, prices).
public enum EventLayer: String, CaseIterable, Sendable, Codable {
    case complaints
    /// The command room's alarms: staff only.
    case alarms
    /// River gauges: levels, rises, silent gauges, and the public warnings made of them.
    case rivers

    /// Parses `layers=a,b`: nil names the first unknown one.
    public static func parseList(_ text: String) -> Result<Set<EventLayer>, UnknownLayer> {
        var layers = Set<EventLayer>()
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            guard let layer = EventLayer(rawValue: name) else { return .failure(UnknownLayer(name: name)) }
            layers.insert(layer)
        }
        return .success(layers)
    }

    public struct UnknownLayer: Error, Sendable {
        public let name: String
    }
}
