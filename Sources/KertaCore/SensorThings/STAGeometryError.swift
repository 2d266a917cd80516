import Foundation

/// Why a geometry argument or a geo function call was refused, in words a client can act on.
///
/// Kept free of HTTP and of `DomainError` so the SQLite function body can throw it and the edge decides
/// the answer (a 400 for a bad literal, the text as the message).
public struct STAGeometryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A WKT literal that does not read; `offset` says where.
        case malformedWKT
        /// GeoJSON that is not JSON, not a geometry, or not a valid one.
        case malformedGeoJSON
        /// Well-formed but meaningless: an unclosed ring, a line of one point, a number out of range.
        case invalidGeometry
        /// A function name, pattern or argument the SensorThings filter cannot take.
        case invalidArgument
        /// Valid, but beyond what the SQLite evaluator does (PostGIS may still answer it).
        case unsupported
    }

    public let kind: Kind
    public let message: String
    /// UTF-8 offset into the WKT text (after any `WKT:` prefix), when the fault has a place.
    public let offset: Int?

    public init(_ kind: Kind, _ message: String, offset: Int? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    public var description: String { message }
}
