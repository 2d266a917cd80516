import SQLKit

extension SQLRow {
    /// A nullable column, NULL asked first (as ``DatabaseOutput/optional(_:_:)``).
    package func optional<T: Decodable>(_ column: String, _ type: T.Type) throws -> T? {
        try decodeNil(column: column) ? nil : decode(column: column, as: T.self)
    }
}
