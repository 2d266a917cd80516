extension STASQL {
    /// Text is Kerta's own (schema names, keywords); a bind is the only way a client's value enters.
    public enum Part: Equatable, Sendable {
        case text(String)
        case bind(STAValue)
    }
}
