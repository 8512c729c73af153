// swift-tools-version: 6.1
//
// Build flags worth knowing:
// - `-Xswiftc -DALLOCATORS_INTERNAL_CHECKS` makes every mutating operation of
//   every allocator end in `checkIntegrity()`, trapping with what it found
//   (O(state) per operation: for tests; `make test-internal-checks` runs the
//   model-checked suites so).
// - `-Xswiftc -DALLOCATORS_TSAN` (used by `make tsan`) announces
//   `LockedAllocator`'s lock to ThreadSanitizer, which cannot see inside the
//   uninstrumented `Synchronization.Mutex`.
//
// Traits (all on by default) select what the `Allocators` library compiles, so
// a firmware build pays only for what it uses; each is a compilation condition
// (`#if TLSF`) in the sources:
// - `Bitmap`: the bitmap page and ID allocators.
// - `Buddy`: the buddy byte allocator.
// - `Slab`: the slab byte allocator (enables `TLSF`, its default backing).
// - `TLSF`: the TLSF byte allocator.
// - `Shared`: `SharedAllocator`, `PoolArray` and `LockedAllocator`.
// For example `swift build --traits TLSF` builds a TLSF-only library, and
// `--disable-default-traits` the protocols and kernels alone.
import PackageDescription

let package = Package(
    name: "Allocators",
    products: [
        .library(name: "Allocators", targets: ["Allocators"]),
        // The C interface: `allocators.h` over a TLSF heap in a caller's buffer.
        .library(name: "AllocatorsC", type: .dynamic, targets: ["AllocatorsC"]),
        .executable(name: "allocators-verify", targets: ["allocators-verify"]),
        .executable(name: "allocators-bench", targets: ["allocators-bench"]),
        .executable(name: "allocators-wcet", targets: ["allocators-wcet"]),
    ],
    traits: [
        .trait(name: "Bitmap", description: "Bitmap page and ID allocators"),
        .trait(name: "Buddy", description: "The buddy byte allocator"),
        .trait(name: "Slab", description: "The slab byte allocator (over TLSF by default)", enabledTraits: ["TLSF"]),
        .trait(name: "TLSF", description: "The TLSF byte allocator"),
        .trait(name: "Shared", description: "SharedAllocator, PoolArray and LockedAllocator"),
        .default(enabledTraits: ["Bitmap", "Buddy", "Slab", "TLSF", "Shared"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `make docs` only (`swift package generate-documentation`).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The product: no dependencies, no Foundation; also builds as Embedded Swift.
        .target(
            name: "Allocators",
            path: "Sources/Allocators"
        ),

        // The C interface: `include/allocators.h` declares the functions that
        // `AllocatorsC` exports with `@_cdecl` and the types both sides share.
        .target(
            name: "CAllocators",
            path: "Sources/CAllocators"
        ),
        .target(
            name: "AllocatorsC",
            dependencies: ["Allocators", "CAllocators"],
            path: "Sources/AllocatorsC"
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
        // protocols, the C interface, peers through dlopen), check, timed and
        // latency passes, the instruction mode (callgrind), reports.
        // The cycle counter read around each op of the latency pass.
        .target(
            name: "CBenchClock",
            path: "Sources/CBenchClock"
        ),
        // Callgrind's client requests around the counted replay (instruction
        // mode), from Debian's valgrind headers when installed; without them
        // the target builds and the instruction mode refuses to run.
        .target(
            name: "CCallgrind",
            path: "Sources/CCallgrind"
        ),
        .target(
            name: "AllocatorsBenchKit",
            dependencies: ["Allocators", "CBenchClock", "CCallgrind", "CAllocators", "AllocatorsC"],
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

        // The worst-case instruction bounds of the Embedded entry points from
        // the images' machine code (`make wcet`): disassembly parsing, control
        // flow per architecture, loops and longest paths; the entry and loop
        // bound tables.
        .target(
            name: "WCETKit",
            path: "Sources/WCETKit"
        ),
        .executableTarget(
            name: "allocators-wcet",
            dependencies: [
                "WCETKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/allocators-wcet"
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
            ],
            path: "Tests/AllocatorsTests"
        ),
        // A Swift program for the malloc program tests (`make program-tests`,
        // `make bench-programs`): classes, arrays, dictionaries and strings,
        // run with `LD_PRELOAD` of libAllocatorsMalloc.so.
        .executableTarget(
            name: "malloc-workload",
            path: "Tests/Programs/SwiftWorkload"
        ),
        .testTarget(
            name: "AllocatorsBenchTests",
            dependencies: ["Allocators", "AllocatorsBenchKit", "TestSupport"],
            path: "Tests/AllocatorsBenchTests"
        ),
        // The WCET analysis on small disassembly fixtures (x86 `rep` counts, stack use).
        .testTarget(
            name: "WCETKitTests",
            dependencies: ["WCETKit"],
            path: "Tests/WCETKitTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
