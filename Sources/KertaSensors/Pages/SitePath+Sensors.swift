import KertaPlatform

extension SitePath {
    package static let flood = SitePath("flood", "banjir")
    package static let floodWarnings = SitePath("flood_warnings", "command/warnings")
    package static let floodWarning = SitePath("flood_warning", "command/warnings/:id")
    package static let floodWarningAct = SitePath("flood_warning_act", "command/warnings/:id/:move")
    package static let floodGauges = SitePath("flood_gauges", "command/gauges")
    package static let floodGaugeThresholds = SitePath("flood_gauge_thresholds", "command/gauges/:code/thresholds")
    package static let alertsFeed = SitePath("alerts_feed", "alerts.atom")

    /// The sensors' and warnings' pages, for the `#path` tag.
    package static let sensors: [SitePath] = [.flood, .floodWarnings, .floodWarning, .floodWarningAct, .floodGauges, .floodGaugeThresholds, .alertsFeed]
}
