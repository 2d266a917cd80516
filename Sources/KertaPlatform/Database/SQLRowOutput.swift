import FluentKit
import SQLKit

/// A plain SQLKit row seen as Fluent's `DatabaseOutput`, so a model's reflection-free initialiser
/// (``Complaint/init(output:columns:)``) can read rows that were selected as SQL text.
package struct SQLRowOutput: DatabaseOutput {
    package let row: any SQLRow

    package init(row: any SQLRow) {
        self.row = row
    }

    package var description: String { "\(row)" }

    package func schema(_ schema: String) -> any DatabaseOutput { self }

    package func contains(_ key: FieldKey) -> Bool { row.contains(column: key.description) }

    package func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: key.description) }

    package func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T { try row.decode(column: key.description, as: T.self) }
}
