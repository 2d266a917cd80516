import Fluent
import KertaCore
import Vapor
import KertaPlatform
import KertaComplaints

/// `kerta users create --email --password --role [--agency] [--name]`: adds a sign-in account.
struct UsersCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create")
        var action: String
        @Option(name: "email", help: "Sign-in address")
        var email: String?
        @Option(name: "password", help: "At least 10 characters")
        var password: String?
        @Option(name: "role", help: "citizen, verifier, officer, supervisor, operator or admin")
        var role: String?
        @Option(name: "agency", help: "Agency code (required for officers), e.g. PUPR")
        var agency: String?
        @Option(name: "name", help: "Display name (defaults to the address)")
        var name: String?
    }

    var help: String { "Manages accounts: `users create --email … --password … --role … [--agency …]`." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else {
            throw CommandError("unknown action \"\(signature.action)\"; use `users create`")
        }
        let app = context.application
        let request = try NewAccount(email: signature.email, password: signature.password, role: signature.role,
                                     agency: signature.agency, name: signature.name)
        try await DatabaseMaintenance.migrate(app)
        let user = try await AccountService(db: app.db, hasher: app.password.sync).create(request)
        context.console.info("Created \(user.role) \(user.email)\(user.$agency.id.map { " for \($0)" } ?? "").")
    }
}
