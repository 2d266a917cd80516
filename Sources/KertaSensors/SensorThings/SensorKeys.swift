import Fluent
import Foundation
import KertaPlatform
import Vapor

/// The sensor keys a server has seen, checked against the database at most every 30 seconds, and each
/// key's requests counted per minute in memory: a gauge network posting many times a second should not
/// cost a database write per post only to be let in. A revoked key stops working within the 30 seconds.
package actor SensorKeys {
    private struct Known {
        let key: ApiKey
        let checked: Date
    }

    private var known: [String: Known] = [:]
    private var counts: [UUID: (minute: Int, count: Int)] = [:]

    package init() {}

    package enum Refusal: Error { case unknown, revoked, wrongScope, rateLimited }

    package func authorize(_ secret: String, on db: any Database, now: Date) async throws -> ApiKey {
        let hash = Digest.sha256Hex(secret)
        var key = known[hash].flatMap { now.timeIntervalSince($0.checked) < 30 ? $0.key : nil }
        if key == nil {
            guard let found = try await ApiKey.query(on: db).filter(\.$keyHash == hash).first() else {
                known[hash] = nil
                throw Refusal.unknown
            }
            known[hash] = Known(key: found, checked: now)
            key = found
        }
        guard let key else { throw Refusal.unknown }
        guard key.revokedAt == nil else { throw Refusal.revoked }
        guard key.scope == .sensors else { throw Refusal.wrongScope }
        let minute = Int(now.timeIntervalSince1970 / 60)
        let id = try key.requireID()
        var count = counts[id] ?? (minute, 0)
        if count.minute != minute { count = (minute, 0) }
        count.count += 1
        counts[id] = count
        guard count.count <= key.ratePerMinute else { throw Refusal.rateLimited }
        return key
    }
}

extension STAController {
    /// The sensor key of a request: `Authorization: Bearer KEY`, or HTTP Basic with the key as the password.
    static func credential(_ req: Request, required: Bool) async throws -> ApiKey? {
        var secret: String?
        if let bearer = req.headers.bearerAuthorization {
            secret = bearer.token
        } else if let basic = req.headers.basicAuthorization {
            secret = basic.password.isEmpty ? basic.username : basic.password
        }
        guard let secret, !secret.isEmpty else {
            if required { throw STAError(kind: .unauthorized, message: "writing needs a sensor key (Authorization: Bearer KEY)") }
            return nil
        }
        do {
            return try await req.application.sensorKeys.authorize(secret, on: req.db, now: req.now)
        } catch let refusal as SensorKeys.Refusal {
            guard required else { return nil }
            switch refusal {
            case .unknown, .revoked: throw STAError(kind: .unauthorized, message: "the sensor key is not valid")
            case .wrongScope: throw STAError(kind: .forbidden, message: "this key is not a sensor key; make one with kerta apikeys create --scope sensors")
            case .rateLimited: throw STAError(kind: .tooManyRequests, message: "this key has made too many requests in the last minute; try again shortly")
            }
        }
    }
}
