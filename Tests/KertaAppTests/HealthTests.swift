import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import Testing
import VaporTesting

@Suite struct HealthTests {
    struct Status: Decodable { let status: String; let database: String; let spatial: String? }

    @Test func healthyWithTheEngineNamed() async throws {
        try await withKerta { app in
            try await app.testing().test(.GET, "health") { res in
                #expect(res.status == .ok)
                let status = try res.content.decode(Status.self)
                #expect(status.status == "ok")
                #expect(status.database == (TestDatabase.isPostgres ? "postgres" : "sqlite"))
                #expect(status.spatial != nil)
            }
        }
    }

    @Test func unavailableWhenTheDatabaseCannotBeReached() async throws {
        // Nothing listens on port 1: the connection is refused at once.
        try await withKerta(migrate: false, adjust: { $0.database = .postgres(url: "postgres://kerta:kerta@127.0.0.1:1/kerta", schema: nil); $0.logLevel = .critical }) { app in
            try await app.testing().test(.GET, "health") { res in
                #expect(res.status == .serviceUnavailable)
                let status = try res.content.decode(Status.self)
                #expect(status.status == "unavailable")
                #expect(status.database == "postgres")
            }
            // Liveness does not depend on the database: a load balancer must not restart every server for it.
            try await app.testing().test(.GET, "health/live") { res in
                #expect(res.status == .ok)
                #expect(res.body.string == "ok")
            }
        }
    }
}
