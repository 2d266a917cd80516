import FluentKit
import SQLKit

/// A plain SQLKit row seen as Fluent's `DatabaseOutput`, so a model's reflection-free initialiser
/// (``Complaint/init(output:columns:)``) can read rows that were selected as SQL text.
struct SQLRowOutput: DatabaseOutput {
    let row: any SQLRow

    var description: String { "\(row)" }

    func schema(_ schema: String) -> any DatabaseOutput { self }

    func contains(_ key: FieldKey) -> Bool { row.contains(column: key.description) }

    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: key.description) }

    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T { try row.decode(column: key.description, as: T.self) }
}
