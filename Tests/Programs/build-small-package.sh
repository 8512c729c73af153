#!/bin/sh
# The Swift compiler building a small package for make bench-programs: this
# package's Allocators library (no dependencies), copied into the current
# (empty) directory, built in debug with JOBS parallel jobs from a clean
# build folder. Usage: build-small-package.sh JOBS
set -e
jobs=${1:-1}
mkdir -p Sources
cp -R "$ALLOCATORS_ROOT/Sources/Allocators" Sources/Allocators
cat > Package.swift <<'PACKAGE'
// swift-tools-version: 6.1
import PackageDescription
let package = Package(
    name: "Small",
    targets: [.target(name: "Allocators", path: "Sources/Allocators",
                      swiftSettings: [.define("Bitmap"), .define("Buddy"), .define("Slab"), .define("TLSF"), .define("Shared")])]
)
PACKAGE
swift build -j "$jobs" --disable-index-store > build.log 2>&1 || { cat build.log; exit 1; }
ls .build/debug/Allocators.build/*.o | wc -l
