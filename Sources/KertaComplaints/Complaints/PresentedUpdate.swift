import Foundation
import SQLKit
import KertaPlatform

/// What a complaint's page shows of an update, read as a plain row (see ``ComplaintPresenter``).
package struct PresentedUpdate {
    package let authorID: UUID?
    package let authorRole: String
    package let authorName: String
    package let body: String
    package let isInternal: Bool
    package let createdAt: Date

    package init(row: any SQLRow) throws {
        authorID = try row.optional("author_id", UUID.self)
        authorRole = try row.decode(column: "author_role", as: String.self)
        authorName = try row.decode(column: "author_name", as: String.self)
        body = try row.decode(column: "body", as: String.self)
        isInternal = try row.decode(column: "internal", as: Bool.self)
        createdAt = try row.decode(column: "created_at", as: Date.self)
    }
}
