import Foundation
import SQLKit

extension AuditSubjectKind {
    /// A kind whose rows keep their chain's head in `audit_head` and `audit_count` beside an `id`, the column
    /// people name them by and the status the trail records.
    package static func table(_ table: String, type: String, label: String, status: String, order: [String]) -> AuditSubjectKind {
        let select = "SELECT \"id\", \"\(label)\" AS \"label\", \"audit_head\", \"audit_count\", \"\(status)\" AS \"status\" FROM \"\(table)\""
        let sorted = order.map { "\"\($0)\"" }.joined(separator: ", ")
        @Sendable func read(_ row: any SQLRow) throws -> Head {
            Head(id: try row.decode(column: "id", as: UUID.self), label: try row.decode(column: "label", as: String.self),
                 head: try row.decode(column: "audit_head", as: String.self), count: try row.decode(column: "audit_count", as: Int.self),
                 status: try row.decode(column: "status", as: String.self))
        }
        return AuditSubjectKind(type: type, heads: { sql in
            try await sql.raw(SQLQueryString(select + " ORDER BY " + sorted)).all().map(read)
        }, head: { sql, id in
            try await sql.raw(SQLQueryString(select + " WHERE \"id\" = ") + "\(bind: id)").first().map(read)
        })
    }
}
