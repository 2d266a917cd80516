import Fluent
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import Testing
import Vapor
import VaporTesting

@Suite struct ConfigurationTests {
    @Test func noConfigurationMeansSQLiteInTheDataFolderOnLocalhost8080() throws {
        let configuration = try KertaConfiguration.from(environment: [:], isProduction: false)
        #expect(configuration.database == .sqlite(path: "kerta-data/kerta.sqlite"))
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.seedDemo)
        #expect(configuration.autoMigrate)
    }

    @Test func aMailURLTheTransportCannotUseIsRefusedAtStart() throws {
        for usable in ["smtp://relay.denpasarkota.go.id:587", "smtp://u:p@relay:587?tls=starttls", "smtp://10.0.0.5?tls=none", "smtps://u:p@smtp.example.id"] {
            #expect(try KertaConfiguration.from(environment: ["SMTP_URL": usable], isProduction: false).smtpURL == usable)
        }
        for unusable in ["smtp://relay?tls=require", "smtps://relay?tls=none", "mailto:kerta@example.id", "smtp://"] {
            #expect(throws: KertaConfiguration.Problem.self, "\(unusable)") {
                try KertaConfiguration.from(environment: ["SMTP_URL": unusable], isProduction: false)
            }
        }
        // Every URL the configuration accepts, the transport can use.
        let group = MultiThreadedEventLoopGroup.singleton
        #expect(SMTPMailTransport(url: "smtp://u:p@relay:587?tls=starttls", group: group) != nil)
        #expect(SMTPMailTransport(url: "smtp://relay.denpasarkota.go.id", group: group)?.isLoopback == false)
        #expect(SMTPMailTransport(url: "smtp://127.example.org", group: group)?.isLoopback == false)
        #expect(SMTPMailTransport(url: "smtp://127.0.0.1:2525", group: group)?.isLoopback == true)
    }

    @Test func environmentVariablesAreRead() throws {
        let configuration = try KertaConfiguration.from(environment: [
            "KERTA_DATA_DIR": "/var/lib/kerta", "HOST": "0.0.0.0", "PORT": "9000",
            "DATABASE_URL": "postgres://kerta:secret@db:5432/kerta", "KERTA_DEMO": "false",
            "KERTA_CITY_NAME": "Kabupaten Badung", "KERTA_JURISDICTION": "Badungkab.go.id", "KERTA_EVENT_RETENTION_DAYS": "30",
            "KERTA_EVENT_BUFFER": "64",
        ], isProduction: false)
        #expect(configuration.cityName == "Kabupaten Badung")
        #expect(configuration.jurisdiction == "badungkab.go.id")
        #expect(configuration.eventRetentionDays == 30)
        #expect(configuration.eventBuffer == 64)
        #expect(configuration.dataDirectory == "/var/lib/kerta")
        #expect(configuration.database == .postgres(url: "postgres://kerta:secret@db:5432/kerta", schema: nil))
        #expect(configuration.port == 9000)
        #expect(configuration.publicURL == "http://0.0.0.0:9000")
        #expect(!configuration.seedDemo)
    }

    @Test(arguments: [
        ("PORT", "eighty"), ("PORT", "70000"), ("DATABASE_URL", "mysql://x"), ("KERTA_DEMO", "perhaps"), ("LOG_LEVEL", "loud"),
    ])
    func invalidValuesNameTheVariable(variable: String, value: String) {
        #expect {
            try KertaConfiguration.from(environment: [variable: value], isProduction: false)
        } throws: { error in
            (error as? KertaConfiguration.Problem).map { "\($0)".hasPrefix("\(variable)=") } ?? false
        }
    }

    @Test func productionRefusesTheDefaultSecretAShortSecretAndTheDemo() throws {
        #expect(throws: KertaConfiguration.Problem.self) {
            try KertaConfiguration.from(environment: [:], isProduction: true).validateForProduction()
        }
        #expect(throws: KertaConfiguration.Problem.self) {
            try KertaConfiguration.from(environment: ["KERTA_SECRET": "short"], isProduction: true).validateForProduction()
        }
        #expect(throws: KertaConfiguration.Problem.self) {
            try KertaConfiguration.from(environment: ["KERTA_SECRET": String(repeating: "s", count: 40), "KERTA_DEMO": "true"],
                                        isProduction: true).validateForProduction()
        }
        let production = try KertaConfiguration.from(environment: ["KERTA_SECRET": String(repeating: "s", count: 40)], isProduction: true)
        #expect(!production.seedDemo)
        try production.validateForProduction()
    }

    @Test func productionRefusesToServeWhileDemoAccountsExist() async throws {
        try await withKerta(demo: true) { app in
            await #expect(throws: ProductionGuard.DemoAccountsPresent.self) { try await ProductionGuard.check(app.db) }
            try await User.query(on: app.db).filter(\.$isDemo == true).delete()
            try await ProductionGuard.check(app.db)
        }
    }
}
