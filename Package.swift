// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "disclosure-desk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "disclosure", targets: ["disclosure"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(name: "CMalloc"),
        .target(
            name: "LibPQ",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "DisclosureCore",
            swiftSettings: strict
        ),
        .target(
            name: "Mail",
            swiftSettings: strict
        ),
        .target(
            name: "DisclosureStore",
            dependencies: [
                "LibPQ",
                "DisclosureCore",
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        .target(
            name: "DisclosureWeb",
            dependencies: [
                "DisclosureStore",
                "DisclosureCore",
                "LibPQ",
                "Mail",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "disclosure",
            dependencies: [
                "DisclosureWeb",
                "DisclosureStore",
                "DisclosureCore",
                "LibPQ",
                "Mail",
                "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PostgresTestSupport",
            dependencies: ["LibPQ"],
            path: "Tests/Support",
            swiftSettings: strict
        ),
        .target(
            name: "LifecycleTestSupport",
            dependencies: ["DisclosureCore"],
            path: "Tests/LifecycleSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "MailTests",
            dependencies: ["Mail"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LibPQTests",
            dependencies: ["LibPQ", "PostgresTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DisclosureCLITests",
            dependencies: ["disclosure", "LibPQ", "PostgresTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DisclosureCoreTests",
            dependencies: ["DisclosureCore", "LifecycleTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DisclosureStoreTests",
            dependencies: [
                "DisclosureStore", "LibPQ", "DisclosureCore", "PostgresTestSupport", "LifecycleTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DisclosureWebTests",
            dependencies: [
                "DisclosureWeb", "DisclosureStore", "LibPQ", "PostgresTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
    ]
)
