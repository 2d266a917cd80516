/// One key of `$orderby`: an expression, usually a property, and its direction.
public struct STAOrderItem: Sendable, Hashable {
    public let expression: STAExpression
    public let descending: Bool

    public init(_ expression: STAExpression, descending: Bool = false) {
        self.expression = expression
        self.descending = descending
    }
}
