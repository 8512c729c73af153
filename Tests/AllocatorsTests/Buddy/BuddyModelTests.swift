import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// The buddy allocator against the byte model, with `checkIntegrity()` after
/// every step; every planted bug must be caught.
@Suite struct BuddyModelTests {
    static let workload = ByteWorkload(sizeRanges: [0 ... 16, 1 ... 64, 64 ... 700, 700 ... 3000], alignmentLog2: 0 ... 10, slots: 24)
    static let layouts = [
        RegionLayout.single(size: 4096),
        RegionLayout(regions: [(offset: 3, size: 1001), (offset: 8192, size: 2048)]),
        RegionLayout(regions: [(offset: 48, size: 6000), (offset: 6048, size: 10000), (offset: 20480, size: 17)]),
        RegionLayout(regions: [(offset: 0, size: 4096), (offset: 2048, size: 4096)]),  // overlap, refused
    ]

    static func integrity(_ allocator: inout BuddyByteAllocator) -> String? {
        integrityMessage(allocator)
    }

    static func check(mode: ByteModelChecker.Mode, runs: Int, steps: Int) -> String? {
        modelCheckByteAllocator(
            "buddy", geometry: .buddy, layouts: layouts, workload: workload,
            runs: runs, steps: steps, mode: mode,
            make: { BuddyByteAllocator() }, integrity: integrity)
    }

    @Test func passesWithZ3AndShadow() {
        #expect(Self.check(mode: .z3AndShadow, runs: 2, steps: 120) == nil)
    }

    @Test func passesWithTheShadow() {
        #expect(Self.check(mode: .shadow, runs: 25, steps: 400) == nil)
    }

    @Test func passesOnALargePoolWithTheShadow() {
        let workload = ByteWorkload(sizeRanges: [1 ... 64, 64 ... 4096, 4096 ... 70000], alignmentLog2: 0 ... 14, slots: 64)
        let report = modelCheckByteAllocator(
            "buddy large pool", geometry: .buddy,
            layouts: [RegionLayout(regions: [(offset: 16, size: 1 << 20), (offset: (1 << 20) + 4096, size: 300_000)])],
            workload: workload, runs: 4, steps: 1500, mode: .shadow,
            make: { BuddyByteAllocator() }, integrity: Self.integrity)
        #expect(report == nil)
    }

    @Test(arguments: PlantedBugAllocator<BuddyByteAllocator>.Bug.allCases)
    func plantedBugIsCaught(bug: PlantedBugAllocator<BuddyByteAllocator>.Bug) {
        let report = modelCheckByteAllocator(
            "buddy with planted \(bug)", geometry: .buddy, layouts: Array(Self.layouts.prefix(2)), workload: Self.workload,
            runs: 6, steps: 150, mode: .z3AndShadow,
            make: { PlantedBugAllocator(BuddyByteAllocator(), bug: bug) },
            integrity: { integrityMessage($0.base) })
        #expect(report != nil, "planted bug \(bug) went unnoticed")
        #expect(report?.contains(bug.expectedReport) == true, "planted bug \(bug) caught for another reason: \(report ?? "")")
    }
}
