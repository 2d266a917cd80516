import Foundation
import SQLKit

/// What a complaint's page shows of an update, read as a plain row (see ``ComplaintPresenter``).
struct PresentedUpdate {
    let authorID: UUID?
    let authorRole: String
    let authorName: String
    let body: String
    let isInternal: Bool
    let createdAt: Date

    init(row: any SQLRow) throws {
        authorID = try row.optional("author_id", UUID.self)
        authorRole = try row.decode(column: "author_role", as: String.self)
        authorName = try row.decode(column: "author_name", as: String.self)
        body = try row.decode(column: "body", as: String.self)
        isInternal = try row.decode(column: "internal", as: Bool.self)
        createdAt = try row.decode(column: "created_at", as: Date.self)
    }
}
