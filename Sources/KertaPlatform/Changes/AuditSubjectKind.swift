import Foundation
import SQLKit

/// A kind of subject with a trail, as `kerta audit verify` reads it: where its rows keep their chain's head.
/// Each capability registers its kinds in the composition root's list (`KertaAuditSubjects`).
package struct AuditSubjectKind: Sendable {
    package struct Head: Sendable {
        package let id: UUID
        /// How people name it: a ticket, an incident number.
        package let label: String
        package let head: String
        package let count: Int
        /// Its current status, when the trail records status changes.
        package let status: String?

        package init(id: UUID, label: String, head: String, count: Int, status: String? = nil) {
            self.id = id
            self.label = label
            self.head = head
            self.count = count
            self.status = status
        }
    }

    package let type: String
    /// Every subject of the kind, in a stable order.
    package let heads: @Sendable (any SQLDatabase) async throws -> [Head]
    /// One subject as it is now, nil when its row is gone: a finding is read again before it is reported,
    /// since a change may commit between reading a head and reading its entries on a live database.
    package let head: @Sendable (any SQLDatabase, UUID) async throws -> Head?

    package init(type: String, heads: @escaping @Sendable (any SQLDatabase) async throws -> [Head],
                 head: @escaping @Sendable (any SQLDatabase, UUID) async throws -> Head?) {
        self.type = type
        self.heads = heads
        self.head = head
    }
}
