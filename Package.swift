// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kerta",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kerta", targets: ["kerta"]),
        .library(name: "KertaCore", targets: ["KertaCore"]),
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
        .target(
            name: "KertaApp",
            dependencies: [
                "KertaCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [
                .copy("Resources/ReferenceData"), .copy("Resources/OpenAPI"), .copy("Resources/Localization"),
                .copy("Resources/Views"), .copy("Resources/Public"),
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
