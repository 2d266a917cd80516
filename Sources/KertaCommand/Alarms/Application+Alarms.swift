import KertaPlatform
import Vapor

extension Application {
    /// The alarm engine with every capability's rules (``commandLayers``' siblings, registered by the composition root).
    package var alarmEngine: AlarmEngine { AlarmEngine(sources: alarmSources, hub: eventHub, now: currentTime) }
}
