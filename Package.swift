// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kerta",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kerta", targets: ["kerta"]),
        .library(name: "KertaCore", targets: ["KertaCore"]),
        .library(name: "KertaPlatform", targets: ["KertaPlatform"]),
        .library(name: "KertaComplaints", targets: ["KertaComplaints"]),
        .library(name: "KertaCommand", targets: ["KertaCommand"]),
        .library(name: "KertaSensors", targets: ["KertaSensors"]),
        .library(name: "KertaApp", targets: ["KertaApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        /// The rules of the city: no Vapor, Foundation only, so they build and test in seconds.
        .target(
            name: "KertaCore",
            swiftSettings: swiftSettings
        ),
        /// What every capability stands on: configuration, the database's plain rows, accounts and auth, places
        /// and calendars, the change recorder, the event log and its live hub, mail, metrics, page support.
        .target(
            name: "KertaPlatform",
            dependencies: [
                "KertaCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources/Localization")],
            swiftSettings: swiftSettings
        ),
        /// PRO's complaints: the service, Open311, the JSON API, the pages, the deadline job, the demo and generated data.
        .target(
            name: "KertaComplaints",
            dependencies: [
                "KertaCore",
                "KertaPlatform",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Leaf", package: "leaf"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The command center: alarms and their engine, the operators' dashboard, the alarm load, the public live view.
        .target(
            name: "KertaCommand",
            dependencies: [
                "KertaCore",
                "KertaPlatform",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
            ],
            swiftSettings: swiftSettings
        ),
        /// Sensors and flood early warning: OGC SensorThings API, Denpasar's river gauges and their flood rules,
        /// CAP 1.2 public warnings, the public flood page.
        .target(
            name: "KertaSensors",
            dependencies: [
                "KertaCore",
                "KertaPlatform",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The composition root: configure, the one routes table, the ordered migrations, the commands.
        .target(
            name: "KertaApp",
            dependencies: [
                "KertaCore",
                "KertaPlatform",
                "KertaComplaints",
                "KertaCommand",
                "KertaSensors",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
            ],
            resources: [
                .copy("Resources/ReferenceData"), .copy("Resources/OpenAPI"), .copy("Resources/Views"), .copy("Resources/Public"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "kerta",
            dependencies: ["KertaApp"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KertaCoreTests",
            dependencies: ["KertaCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KertaAppTests",
            dependencies: [
                "KertaApp",
                "KertaPlatform",
                "KertaComplaints",
                "KertaCommand",
                "KertaSensors",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

var swiftSettings: [SwiftSetting] {
    [.enableUpcomingFeature("ExistentialAny")]
}
