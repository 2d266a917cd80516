/// OData's infix operators, with their precedence so the parser and any printer agree.
public enum STABinaryOperator: String, Sendable, Hashable, CaseIterable {
    case or, and
    case eq, ne, gt, ge, lt, le
    case add, sub
    case mul, div, mod

    /// Higher binds tighter: `or` < `and` < comparisons < `add sub` < `mul div mod`.
    public var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .eq, .ne, .gt, .ge, .lt, .le: 3
        case .add, .sub: 4
        case .mul, .div, .mod: 5
        }
    }

    public var isComparison: Bool { precedence == 3 }
    public var isArithmetic: Bool { precedence >= 4 }
    public var isLogical: Bool { precedence <= 2 }
}
