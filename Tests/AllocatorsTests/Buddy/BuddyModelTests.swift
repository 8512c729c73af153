import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// The buddy allocator against the byte model, over every bookkeeping
/// storage (with the geometry of that storage), with `checkIntegrity()`
/// after every step; every planted bug must be caught.
@Suite struct BuddyModelTests {
    static let workload = ByteWorkload(sizeRanges: [0 ... 16, 1 ... 64, 64 ... 700, 700 ... 3000], alignmentLog2: 0 ... 10, slots: 24)
    static let layouts = [
        RegionLayout.single(size: 4096),
        // The first region is too small for carved bookkeeping: the second takes the sentinels.
        RegionLayout(regions: [(offset: 3, size: 1001), (offset: 8192, size: 2048)]),
        RegionLayout(regions: [(offset: 48, size: 6000), (offset: 6048, size: 10000), (offset: 20480, size: 17)]),
        RegionLayout(regions: [(offset: 0, size: 4096), (offset: 2048, size: 4096)]),  // overlap, refused
        // Five regions: the carved table grows with the second, third and fifth.
        RegionLayout(regions: (0 ..< 5).map { (offset: $0 * 4096 + 8 * $0, size: 3000 + 100 * $0) }),
    ]

    static func integrity(_ allocator: inout BuddyByteAllocator) -> String? {
        integrityMessage(allocator)
    }

    static func check(_ kind: BuddyStorageKind, mode: ByteModelChecker.Mode, runs: Int, steps: Int) -> String? {
        // Room for every layout's bookkeeping; reused run after run (one allocator at a time).
        let buffer = BuddyTestMemory(size: 1 << 16)
        return modelCheckByteAllocator(
            "buddy \(kind)", geometry: .buddy(bookkeeping: kind.storage(buffer)), layouts: layouts, workload: workload,
            runs: runs, steps: steps, mode: mode,
            make: { BuddyByteAllocator(bookkeeping: kind.storage(buffer)) }, integrity: integrity)
    }

    @Test(arguments: BuddyStorageKind.allCases)
    func passesWithZ3AndShadow(kind: BuddyStorageKind) {
        #expect(Self.check(kind, mode: .z3AndShadow, runs: 2, steps: 120) == nil)
    }

    @Test(arguments: BuddyStorageKind.allCases)
    func passesWithTheShadow(kind: BuddyStorageKind) {
        #expect(Self.check(kind, mode: .shadow, runs: 12, steps: 400) == nil)
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

    /// The geometry has teeth too: describing carved storage as if the
    /// bookkeeping lay elsewhere is caught (the model believes in free
    /// space the bookkeeping holds, so a full allocator looks like lost
    /// memory).
    @Test func aGeometryIgnoringTheCarvedBookkeepingIsCaught() {
        let workload = ByteWorkload(sizeRanges: [16 ... 16], alignmentLog2: 0 ... 0, slots: 400, freeProbability: 0.05)
        let report = modelCheckByteAllocator(
            "buddy carved, platform geometry", geometry: .buddy(bookkeeping: .platform),
            layouts: [RegionLayout.single(size: 4096)], workload: workload, runs: 2, steps: 400, mode: .shadow,
            make: { BuddyByteAllocator() }, integrity: Self.integrity)
        #expect(report?.contains("lost memory") == true, "\(report ?? "not caught")")
    }

    @Test(arguments: PlantedBugAllocator<BuddyByteAllocator>.Bug.allCases)
    func plantedBugIsCaught(bug: PlantedBugAllocator<BuddyByteAllocator>.Bug) {
        let report = modelCheckByteAllocator(
            "buddy with planted \(bug)", geometry: .buddy, layouts: [Self.layouts[0], Self.layouts[2]], workload: Self.workload,
            runs: 6, steps: 150, mode: .z3AndShadow,
            make: { PlantedBugAllocator(BuddyByteAllocator(), bug: bug) },
            integrity: { integrityMessage($0.base) })
        #expect(report != nil, "planted bug \(bug) went unnoticed")
        #expect(report?.contains(bug.expectedReport) == true, "planted bug \(bug) caught for another reason: \(report ?? "")")
    }
}
