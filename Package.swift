// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchboard", targets: ["switchboard"]),
        .library(name: "SwitchboardCore", targets: ["SwitchboardCore"]),
        .library(name: "SwitchboardAssistant", targets: ["SwitchboardAssistant"]),
        .library(name: "SwitchboardServer", targets: ["SwitchboardServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
    ],
    targets: [
        // Domain: values, rules, state machines. Foundation only, no I/O.
        .target(name: "SwitchboardCore", swiftSettings: swiftSettings),

        // One Store interface over SQLite (embedded default) and PostgreSQL.
        .target(
            name: "SwitchboardStorage",
            dependencies: [
                "SwitchboardCore",
                // SQLiteNIO is used only for the SQLite build it vendors (VaporCSQLite, 3.5x with FTS5);
                // see docs/decisions/0002-storage-engine-access.md.
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // Language engine: pure Swift, depends on Core only.
        .target(name: "SwitchboardAssistant", dependencies: ["SwitchboardCore"], swiftSettings: swiftSettings),

        // Page models, each beside its Mustache template, and the stylesheet and script: real
        // files, compiled into the binary by the EmbedWebResources plugin.
        .target(
            name: "SwitchboardWeb",
            dependencies: [
                "SwitchboardCore",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["EmbedWebResources"]
        ),
        .executableTarget(name: "EmbedResources", swiftSettings: swiftSettings),
        .plugin(name: "EmbedWebResources", capability: .buildTool(), dependencies: ["EmbedResources"]),

        // Composition: HTTP API, auth, pages, live updates.
        .target(
            name: "SwitchboardServer",
            dependencies: [
                "SwitchboardCore", "SwitchboardStorage", "SwitchboardAssistant", "SwitchboardWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                // The HTTP/1.1 connection, to put the desk's timeouts and connection caps around it.
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // `switchboard bench`: a desk on loopback, driven over HTTP, with the figures printed.
        .target(
            name: "SwitchboardBench",
            dependencies: [
                "SwitchboardServer", "SwitchboardStorage", "SwitchboardCore", "SwitchboardWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // Command-line: serve, migrate, demo, user, assistant, bench.
        .target(
            name: "SwitchboardCLI",
            dependencies: [
                "SwitchboardServer", "SwitchboardStorage", "SwitchboardAssistant", "SwitchboardCore", "SwitchboardBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(name: "switchboard", dependencies: ["SwitchboardCLI", .product(name: "Logging", package: "swift-log")], swiftSettings: swiftSettings),

        // Fixtures, a test clock, and the storage contract suite.
        .target(
            name: "SwitchboardTestSupport",
            dependencies: ["SwitchboardCore", "SwitchboardStorage"],
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "SwitchboardCoreTests", dependencies: ["SwitchboardCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SwitchboardStorageTests",
            dependencies: ["SwitchboardStorage", "SwitchboardTestSupport", "SwitchboardCore", .product(name: "Crypto", package: "swift-crypto")],
            // Databases made by released Switchboards, read by path by the upgrade tests.
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SwitchboardAssistantTests",
            dependencies: ["SwitchboardAssistant", "SwitchboardCore"],
            // The handoff phrase lists, read by path by their test.
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SwitchboardWebTests",
            dependencies: ["SwitchboardWeb", "SwitchboardCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SwitchboardServerTests",
            dependencies: [
                "SwitchboardServer", "SwitchboardStorage", "SwitchboardTestSupport", "SwitchboardCore", "SwitchboardAssistant", "SwitchboardWeb",
                "SwitchboardBench",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SwitchboardCLITests",
            dependencies: [
                "SwitchboardCLI", "SwitchboardServer", "SwitchboardAssistant", "SwitchboardStorage", "SwitchboardTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
