import Fluent
import SQLKit

extension Database {
    /// Row locks, `ILIKE` and the advisory lock exist only there.
    package var isPostgres: Bool { (self as? any SQLDatabase)?.dialect.name == "postgresql" }
}
