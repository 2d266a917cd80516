/// What an outside system's key lets it do: post Open311 requests (a civic app, SP4N-LAPOR!) or write
/// sensor data (a gauge, a data logger). A key has one scope, so a leaked gauge's key cannot file complaints.
package enum ApiKeyScope: String, Codable, Sendable, CaseIterable {
    case open311
    case sensors
}
