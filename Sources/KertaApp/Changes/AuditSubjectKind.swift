import Foundation
import SQLKit

/// A kind of subject with a trail, as `kerta audit verify` reads it: where its rows keep their chain's head.
/// Each capability registers its kinds in the composition root's list (`KertaAuditSubjects`).
struct AuditSubjectKind: Sendable {
    struct Head: Sendable {
        let id: UUID
        /// How people name it: a ticket, an incident number.
        let label: String
        let head: String
        let count: Int
        /// Its current status, when the trail records status changes.
        let status: String?
    }

    let type: String
    /// Every subject of the kind, in a stable order.
    let heads: @Sendable (any SQLDatabase) async throws -> [Head]
}
