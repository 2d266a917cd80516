public enum STAUnaryOperator: String, Sendable, Hashable, CaseIterable {
    case not
    case negate = "-"
}
