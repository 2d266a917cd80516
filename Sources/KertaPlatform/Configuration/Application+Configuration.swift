import Vapor

extension Application {
    private struct ConfigurationKey: StorageKey { typealias Value = KertaConfiguration }

    /// The configuration this application was set up with.
    public package(set) var kertaConfiguration: KertaConfiguration {
        get {
            guard let configuration = storage[ConfigurationKey.self] else { fatalError("configure(_:) has not run") }
            return configuration
        }
        set { storage[ConfigurationKey.self] = newValue }
    }

    /// Whether this process runs `serve`, the default command (no command, a flag, or `serve` itself), and
    /// not a command like `migrate` nor `--help`: only a server migrates at start, runs the jobs and listens
    /// for other servers' events.
    package var isServing: Bool {
        let arguments = environment.commandInput.arguments
        // `kerta --help` asks for words, not a migrated database and a server.
        if arguments.contains("--help") || arguments.contains("-h") { return false }
        guard let first = arguments.first else { return true }
        return first == "serve" || first.hasPrefix("-")
    }

    private struct RequestGateKey: StorageKey { typealias Value = RequestGate }

    /// The door every request passes; set by `configure`.
    package var requestGate: RequestGate {
        get {
            guard let gate = storage[RequestGateKey.self] else { fatalError("configure(_:) has not run") }
            return gate
        }
        set { storage[RequestGateKey.self] = newValue }
    }
}
