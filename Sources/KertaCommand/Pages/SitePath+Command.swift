import KertaPlatform

extension SitePath {
    package static let command = SitePath("command", "command")
    package static let commandLoad = SitePath("command_load", "command/alarm-load")
    package static let commandAlarmAct = SitePath("command_alarm_act", "command/alarms/:id")
    package static let live = SitePath("live", "live")

    /// The command center's pages, for the `#path` tag.
    package static let commandCenter: [SitePath] = [.command, .commandLoad, .commandAlarmAct, .live]
}
