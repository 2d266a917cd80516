import Fluent
import Foundation

/// Issues, checks and revokes Open311 API keys, and applies each key's rate limit.
package struct ApiKeyService {
    package enum Refusal: Error, Equatable {
        case missing, unknown, revoked, rateLimited, wrongScope
    }

    package let db: any Database
    package var now: @Sendable () -> Date

    package init(db: any Database, now: @escaping @Sendable () -> Date) {
        self.db = db
        self.now = now
    }

    /// Creates a key; the returned secret is shown once and never stored.
    package func create(name: String, ratePerMinute: Int = 60, scope: ApiKeyScope = .open311) async throws -> (key: ApiKey, secret: String) {
        let secret = "kerta_" + Digest.randomSecret()
        let key = ApiKey(name: name, keyHash: Digest.sha256Hex(secret), prefix: String(secret.prefix(12)),
                         ratePerMinute: ratePerMinute, scope: scope, createdAt: now())
        try await key.create(on: db)
        return (key, secret)
    }

    /// The key for a posted request, counted against its rate limit.
    package func authorize(_ secret: String?, scope: ApiKeyScope = .open311) async throws -> ApiKey {
        guard let secret, !secret.isEmpty else { throw Refusal.missing }
        guard let key = try await ApiKey.query(on: db).filter(\.$keyHash == Digest.sha256Hex(secret)).first() else { throw Refusal.unknown }
        guard key.revokedAt == nil else { throw Refusal.revoked }
        guard key.scope == scope else { throw Refusal.wrongScope }
        let windowStart = now().addingTimeInterval(-60)
        let recent = try await ApiKeyUse.query(on: db).filter(\.$apiKeyID == key.requireID()).filter(\.$at > windowStart).count()
        guard recent < key.ratePerMinute else { throw Refusal.rateLimited }
        try await ApiKeyUse(apiKeyID: key.requireID(), at: now()).create(on: db)
        // Old uses are no longer needed for any window.
        try await ApiKeyUse.query(on: db).filter(\.$apiKeyID == key.requireID()).filter(\.$at < windowStart).delete()
        return key
    }

    package func revoke(prefixOrID: String) async throws -> ApiKey? {
        let keys = try await ApiKey.query(on: db).all()
        guard let key = keys.first(where: { $0.id?.uuidString.lowercased() == prefixOrID.lowercased() || $0.prefix == prefixOrID }) else { return nil }
        key.revokedAt = now()
        try await key.update(on: db)
        return key
    }
}
