import KertaCore

/// One layer of the command room's map, as a capability offers it: the dashboard draws its toggle and
/// filters from this and reads its points from `source`, so a new layer (gauges, vehicles, incidents)
/// joins by registering here, without a change to the page.
package struct CommandLayer: Sendable {
    package struct Filter: Sendable {
        package let code: String
        package let name: LocalizedText
        package init(code: String, name: LocalizedText) {
            self.code = code
            self.name = name
        }
    }

    package let id: String
    package let name: LocalizedText
    /// A bounding-box endpoint answering GeoJSON, clustered on the server when the box holds many points.
    package let source: String
    /// The event layer whose events change it: the page reloads the layer when one arrives.
    package let eventLayer: EventLayer
    package let filters: [Filter]
    /// Officers see a layer only when it concerns their agency's work.
    package let forOfficers: Bool

    package init(id: String, name: LocalizedText, source: String, eventLayer: EventLayer, filters: [Filter], forOfficers: Bool) {
        self.id = id
        self.name = name
        self.source = source
        self.eventLayer = eventLayer
        self.filters = filters
        self.forOfficers = forOfficers
    }
}
