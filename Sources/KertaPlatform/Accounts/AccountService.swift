import Fluent
import KertaCore
import Vapor

/// Creates accounts once the request passed the rules, checking what only the database knows.
package struct AccountService {
    package let db: any Database
    package let hasher: any PasswordHasher

    package init(db: any Database, hasher: any PasswordHasher) {
        self.db = db
        self.hasher = hasher
    }

    package func create(_ account: NewAccount) async throws -> User {
        if let code = account.agencyCode, try await Agency.find(code, on: db) == nil {
            throw ValidationFailure(field: "agency", "there is no agency with code \(code)")
        }
        if try await User.query(on: db).filter(\.$email == account.email).first() != nil {
            throw ValidationFailure(field: "email", "an account with \(account.email) exists already")
        }
        let user = User(email: account.email, passwordHash: try hasher.hash(account.password), name: account.name,
                        role: account.role, agencyCode: account.agencyCode)
        try await user.create(on: db)
        return user
    }
}
