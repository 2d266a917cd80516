/// A `$filter` or `$orderby` expression after parsing: names resolved against the schema, so anything
/// built from one refers only to columns that exist.
public indirect enum STAExpression: Sendable, Hashable {
    case literal(STALiteral)
    case property(STAPropertyPath)
    case unary(STAUnaryOperator, STAExpression)
    case binary(STABinaryOperator, STAExpression, STAExpression)
    case function(STAFunction, [STAExpression])

    /// The WKT texts of its geometry literals, so the caller can check them with the WKT parser before a
    /// database sees them (PostGIS raises on malformed WKT; `kerta_geo` decides for itself).
    public var geometryLiterals: [String] {
        switch self {
        case .literal(.geometry(let wkt, _)): [wkt]
        case .literal, .property: []
        case .unary(_, let operand): operand.geometryLiterals
        case .binary(_, let left, let right): left.geometryLiterals + right.geometryLiterals
        case .function(_, let arguments): arguments.flatMap(\.geometryLiterals)
        }
    }
}
