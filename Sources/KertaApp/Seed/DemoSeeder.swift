import Fluent
import Vapor
import KertaPlatform
import KertaComplaints

/// Fills a new installation with the Denpasar demo: accounts for every role (and, as the product grows,
/// the complaints and feeds that make the city look alive).
///
/// It runs once per database: a marker in `settings` records that the demo was seeded, so a resident's
/// data is never mixed with fresh demo rows on a later start.
package struct DemoSeeder {
    package let passwordHasher: any PasswordHasher
    package let clock: any KertaClock

    /// Seeds the demo unless it was seeded before; returns whether it did.
    @discardableResult
    package func seedIfNeeded(on db: any Database) async throws -> Bool {
        try await db.transaction { tx in
            guard try await Setting.find(Setting.Key.demoSeededAt, on: tx) == nil else { return false }
            // One hash for the shared demo password: hashing is deliberately slow.
            let hash = try passwordHasher.hash(DemoAccount.password)
            let existing = Set(try await User.query(on: tx).all().map(\.email))
            let users = DemoAccount.all.filter { !existing.contains($0.email) }.map {
                User(email: $0.email, passwordHash: hash, name: $0.name, role: $0.role, agencyCode: $0.agencyCode, isDemo: true)
            }
            if !users.isEmpty { try await users.create(on: tx) }
            try await Setting(key: Setting.Key.demoSeededAt, value: ISO8601DateFormatter().string(from: clock.now())).create(on: tx)
            return true
        }
    }
}
