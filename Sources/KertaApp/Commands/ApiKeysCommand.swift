import Fluent
import Vapor
import KertaPlatform
import KertaComplaints

/// `kerta apikeys create --name N [--rate R] [--scope open311|sensors]`, `kerta apikeys list`, `kerta apikeys revoke --key PREFIX-OR-ID`.
struct ApiKeysCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create, list or revoke")
        var action: String
        @Option(name: "name", help: "Who the key is for, e.g. \"SP4N-LAPOR!\"")
        var name: String?
        @Option(name: "rate", help: "Requests per minute the key may post (default 60)")
        var rate: Int?
        @Option(name: "scope", help: "open311 (default: post service requests) or sensors (write SensorThings data)")
        var scope: String?
        @Option(name: "key", help: "The key's prefix or id, to revoke it")
        var key: String?
    }

    var help: String { "Manages API keys for Open311 and sensors (stored hashed; shown once on creation)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let service = ApiKeyService(db: context.application.db, now: context.application.currentTime)
        switch signature.action {
        case "create":
            guard let name = signature.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                throw CommandError("--name is required: who the key is for")
            }
            guard let scope = ApiKeyScope(rawValue: signature.scope ?? "open311") else {
                throw CommandError("--scope must be open311 or sensors")
            }
            // A gauge network posts often; its limit guards against a runaway logger, not against people.
            let rate = signature.rate ?? (scope == .sensors ? 60_000 : 60)
            guard (1...1_000_000).contains(rate) else { throw CommandError("--rate must be from 1 to 1000000 requests per minute") }
            let (key, secret) = try await service.create(name: name, ratePerMinute: rate, scope: scope)
            context.console.print("API key (\(scope.rawValue)) for \(key.name) (\(rate)/minute). Keep it now; it is not shown again:")
            context.console.print(secret)
        case "list":
            for key in try await ApiKey.query(on: context.application.db).sort(\.$createdAt).all() {
                context.console.print("\(key.prefix)…  \(key.name)  \(key.scope.rawValue)  \(key.ratePerMinute)/min  \(key.revokedAt == nil ? "active" : "revoked")")
            }
        case "revoke":
            guard let which = signature.key else { throw CommandError("--key is required (the prefix shown by `kerta apikeys list`, or the id)") }
            guard let key = try await service.revoke(prefixOrID: which) else { throw CommandError("no API key \(which)") }
            context.console.print("Revoked the key of \(key.name).")
        default:
            throw CommandError("unknown action \(signature.action); use create, list or revoke")
        }
    }
}
