import Fluent
import Vapor

/// `kerta audit verify`: checks every complaint's hash chain; exits non-zero naming the first broken entry.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify")
        var action: String
    }

    var help: String { "Checks the tamper-evident audit trail (kerta audit verify)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else {
            throw CommandError("unknown action \(signature.action); use: kerta audit verify")
        }
        let app = context.application
        let complaints = try await Complaint.query(on: app.db).count()
        if let (ticket, failure) = try await AuditTrail.verify(on: app.db) {
            throw CommandError("audit trail BROKEN at \(ticket): \(failure)")
        }
        let entries = try await AuditEntry.query(on: app.db).count()
        context.console.print("Audit trail intact: \(complaints) complaints, \(entries) entries.")
    }
}
