import Vapor

extension Application {
    private struct CommandLayersKey: StorageKey { typealias Value = [CommandLayer] }
    private struct AlarmSourcesKey: StorageKey { typealias Value = [any AlarmSource] }
    private struct CommandFiguresKey: StorageKey { typealias Value = [any CommandFigures] }
    private struct SubjectPagesKey: StorageKey { typealias Value = [String: SitePath] }

    /// The public page of each kind of event subject (`complaint` → `/complaints/{ticket}`), for feeds that link to them.
    package var subjectPages: [String: SitePath] {
        get { storage[SubjectPagesKey.self] ?? [:] }
        set { storage[SubjectPagesKey.self] = newValue }
    }

    /// The map's layers, in the order the capabilities registered them (the composition root does).
    package var commandLayers: [CommandLayer] {
        get { storage[CommandLayersKey.self] ?? [] }
        set { storage[CommandLayersKey.self] = newValue }
    }

    package var alarmSources: [any AlarmSource] {
        get { storage[AlarmSourcesKey.self] ?? [] }
        set { storage[AlarmSourcesKey.self] = newValue }
    }

    package var commandFigures: [any CommandFigures] {
        get { storage[CommandFiguresKey.self] ?? [] }
        set { storage[CommandFiguresKey.self] = newValue }
    }
}
