import Fluent
import Vapor
import KertaPlatform
import KertaComplaints

/// Refuses to run a production server while accounts with the published demo password exist.
package enum ProductionGuard {
    package struct DemoAccountsPresent: Error, CustomStringConvertible {
        package let emails: [String]
        package var description: String {
            "refusing to run in production: demo accounts with the published password exist (\(emails.joined(separator: ", "))); delete them or use a fresh database"
        }
    }

    package static func check(_ db: any Database) async throws {
        let demo = try await User.query(on: db).filter(\.$isDemo == true).filter(\.$active == true).all()
        if !demo.isEmpty { throw DemoAccountsPresent(emails: demo.map(\.email).sorted()) }
    }
}
