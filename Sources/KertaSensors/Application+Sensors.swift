import Vapor

extension Application {
    private struct SensorKeysKey: StorageKey { typealias Value = SensorKeys }
    private struct FloodMonitorKey: StorageKey { typealias Value = FloodMonitor }

    private static let sharedSensorKeys = SensorKeys()

    /// Set by the composition root at start-up; one per application, so tests do not share what they know.
    package var sensorKeys: SensorKeys {
        get { storage[SensorKeysKey.self] ?? Self.sharedSensorKeys }
        set { storage[SensorKeysKey.self] = newValue }
    }

    /// The flood rules with their rise windows; the composition root may set others.
    package var floodMonitor: FloodMonitor {
        get { storage[FloodMonitorKey.self] ?? FloodMonitor() }
        set { storage[FloodMonitorKey.self] = newValue }
    }
}

extension Application {
    private struct FloodAreasKey: StorageKey { typealias Value = [FloodArea] }

    /// The reference data's flood-prone areas, read at start-up.
    package var floodAreas: [FloodArea] {
        get { storage[FloodAreasKey.self] ?? [] }
        set { storage[FloodAreasKey.self] = newValue }
    }
}
