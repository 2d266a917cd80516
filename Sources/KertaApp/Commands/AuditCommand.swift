import Fluent
import Vapor
import KertaPlatform
import KertaComplaints

/// `kerta audit verify`: checks every subject's hash chain (complaints today; every kind in
/// ``KertaAuditSubjects``); exits non-zero naming the first broken entry.
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
        let (finding, summary) = try await AuditVerifier.run(KertaAuditSubjects.all, on: app.db)
        if let finding {
            throw CommandError("audit trail BROKEN at \(finding)")
        }
        let subjects = summary.subjects.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)\($0.value == 1 ? "" : "s")" }
        context.console.print("Audit trail intact: \(subjects.isEmpty ? "no subjects" : subjects.joined(separator: ", ")), \(summary.entries) entries.")
    }
}
