// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "InBeeld",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "inbeeld", targets: ["inbeeld"]),
        .library(name: "InBeeldMedia", targets: ["InBeeldMedia"]),
        .library(name: "InBeeldCoaching", targets: ["InBeeldCoaching"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
        // The only Swift layer that touches FFmpeg: owns every FFmpeg object.
        .target(name: "InBeeldMedia", dependencies: ["CFFmpeg"]),
        // The coaching method's words: recordings, checks, verdicts, messages in Dutch and English.
        .target(name: "InBeeldCoaching", dependencies: ["InBeeldMedia"]),
        // The thin command-line program.
        .executableTarget(
            name: "inbeeld",
            dependencies: [
                "InBeeldCoaching",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fixture paths and the ffmpeg CLI as oracle, shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "InBeeldMediaTests", dependencies: ["InBeeldMedia", "TestSupport"]),
        .testTarget(name: "InBeeldCoachingTests", dependencies: ["InBeeldCoaching", "TestSupport"]),
        // Runs the built `inbeeld` program (build it first: Scripts/test.sh does).
        .testTarget(name: "InBeeldCLITests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
