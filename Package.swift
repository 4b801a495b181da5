// swift-tools-version: 6.2
import PackageDescription

// Our own code builds without warnings (dependencies' warnings are not ours).
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "InBeeld",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "inbeeld", targets: ["inbeeld"]),
        .library(name: "InBeeldMedia", targets: ["InBeeldMedia"]),
        .library(name: "InBeeldMarkers", targets: ["InBeeldMarkers"]),
        .library(name: "InBeeldCoaching", targets: ["InBeeldCoaching"]),
        .library(name: "InBeeldSheet", targets: ["InBeeldSheet"]),
        .library(name: "InBeeldServe", targets: ["InBeeldServe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // FFmpeg's C libraries (5.1 on Debian 12), found through pkg-config.
        .systemLibrary(
            name: "CFFmpeg",
            pkgConfig: "libavformat",
            providers: [
                .apt(["libavformat-dev", "libavcodec-dev", "libavutil-dev", "libswscale-dev", "libswresample-dev", "pkg-config"]),
                .brew(["ffmpeg"]),
            ]
        ),
        // Cairo and Pango, for still sheets (PDF and PNG), found through pkg-config.
        .systemLibrary(
            name: "CPango",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev", "fonts-dejavu-core"]), .brew(["pango"])]
        ),
        // The only Swift layer that touches FFmpeg: owns every FFmpeg object.
        .target(name: "InBeeldMedia", dependencies: ["CFFmpeg"], swiftSettings: strict),
        // Markers and their files: our CSV and text, and other tools' formats (subtitles, ELAN, BORIS,
        // spreadsheets, LosslessCut, Audacity). Says nothing to people: its errors are reasons.
        .target(name: "InBeeldMarkers", dependencies: ["ZIPFoundation"], swiftSettings: strict),
        // The coaching method's words: recordings, checks, verdicts, messages in Dutch and English.
        .target(name: "InBeeldCoaching", dependencies: ["InBeeldMedia", "InBeeldMarkers"], swiftSettings: strict),
        // Renders still sheets with Cairo and Pango.
        .target(name: "InBeeldSheet", dependencies: ["InBeeldCoaching", "InBeeldMarkers", "InBeeldMedia", "CPango"], swiftSettings: strict),
        // The coach's page: a local web server (Hummingbird) for marking while watching.
        .target(
            name: "InBeeldServe",
            dependencies: [
                "InBeeldCoaching",
                "InBeeldMarkers",
                "InBeeldMedia",
                "InBeeldSheet",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            resources: [
                .embedInCode("Page/index.html"),
                .embedInCode("Page/app.js"),
                .embedInCode("Page/app.css"),
            ],
            swiftSettings: strict
        ),
        // The thin command-line program.
        .executableTarget(
            name: "inbeeld",
            dependencies: [
                "InBeeldCoaching",
                "InBeeldMarkers",
                "InBeeldSheet",
                "InBeeldServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // Fixture paths and the ffmpeg CLI as oracle, shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "InBeeldMediaTests", dependencies: ["InBeeldMedia", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "InBeeldCoachingTests", dependencies: ["InBeeldCoaching", "InBeeldMarkers", "InBeeldMedia", "TestSupport", "ZIPFoundation"], swiftSettings: strict),
        .testTarget(name: "InBeeldSheetTests", dependencies: ["InBeeldSheet", "InBeeldCoaching", "InBeeldMarkers", "InBeeldMedia", "TestSupport"], swiftSettings: strict),
        // Runs the `inbeeld` program, built with the tests (never a stale one from elsewhere).
        // The server's own rules, tested without a server (the session merge).
        .testTarget(name: "InBeeldServeTests", dependencies: ["InBeeldServe", "InBeeldMarkers", "InBeeldCoaching", "InBeeldMedia", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "InBeeldCLITests", dependencies: ["inbeeld", "TestSupport"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
