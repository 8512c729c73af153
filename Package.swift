// swift-tools-version: 6.1
//
// Build flags worth knowing:
// - `-Xswiftc -DALLOCATORS_INTERNAL_CHECKS` turns the internal `assert`-level
//   consistency checks of the allocators into `precondition`s in release builds
//   (the tests call the public `checkIntegrity()` after every step instead).
import PackageDescription

let package = Package(
    name: "Allocators",
    products: [
        .library(name: "Allocators", targets: ["Allocators"]),
        .executable(name: "allocators-verify", targets: ["allocators-verify"]),
        .executable(name: "allocators-bench", targets: ["allocators-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // The product: no dependencies, no Foundation; also builds as Embedded Swift.
        .target(
            name: "Allocators",
            path: "Sources/Allocators"
        ),

        // Z3's C API, from Debian's libz3-dev.
        .systemLibrary(
            name: "CZ3",
            path: "Spec/CZ3",
            pkgConfig: "z3",
            providers: [.apt(["libz3-dev"])]
        ),
        // Symbolic words, the Z3 layer and the reference models.
        .target(
            name: "AllocatorSpec",
            dependencies: ["Allocators", "CZ3"],
            path: "Spec/AllocatorSpec"
        ),
        // Proves the lemmas about the shipped kernels.
        .executableTarget(
            name: "allocators-verify",
            dependencies: [
                "Allocators",
                "AllocatorSpec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Proofs"
        ),

        // The benchmark suite: trace parsing, backends (ours generic over the
        // protocols, peers through dlopen), check, timed and latency passes, reports.
        // The cycle counter read around each op of the latency pass.
        .target(
            name: "CBenchClock",
            path: "Sources/CBenchClock"
        ),
        .target(
            name: "AllocatorsBenchKit",
            dependencies: ["Allocators", "CBenchClock"],
            path: "Sources/AllocatorsBenchKit"
        ),
        // `make bench`: replays the shared traces on every backend; the chart
        // script and the README's chart live beside it.
        .executableTarget(
            name: "allocators-bench",
            dependencies: [
                "Allocators",
                "AllocatorsBenchKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/allocators-bench",
            exclude: ["plot_bench.py", "results"]
        ),

        // Seeded generators, kernel twins, op interpreters and trace printing.
        .target(
            name: "TestSupport",
            dependencies: ["Allocators", "AllocatorSpec"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "AllocatorsTests",
            dependencies: [
                "Allocators",
                "AllocatorSpec",
                "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/AllocatorsTests"
        ),
        .testTarget(
            name: "AllocatorsBenchTests",
            dependencies: ["Allocators", "AllocatorsBenchKit", "TestSupport"],
            path: "Tests/AllocatorsBenchTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
