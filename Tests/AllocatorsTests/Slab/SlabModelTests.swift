@testable import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// The slab allocator against the byte model, over the buddy allocator (whose
/// geometry the slab's composes), with both integrity checks after every
/// step; every planted bug must be caught.
@Suite struct SlabModelTests {
    typealias Slab = SlabAllocator<BuddyByteAllocator>
    /// 4 KiB slabs: classes up to 512 bytes, so small pools hold several slabs.
    static let slabShift = 12
    static let geometry = ByteModelGeometry.slab(slabShift: slabShift, over: .buddy)
    static let workload = ByteWorkload(
        sizeRanges: [0 ... 16, 1 ... 128, 100 ... 520, 500 ... 3000], alignmentLog2: 0 ... 13, slots: 40)
    static let layouts = [
        RegionLayout.single(size: 1 << 16),
        RegionLayout(regions: [(offset: 3, size: 40_000), (offset: 49_152, size: 20_000)]),
        RegionLayout(regions: [(offset: 4096, size: 12_288), (offset: 20_480, size: 5000)]),
    ]

    static func make() -> Slab { Slab(backing: BuddyByteAllocator(), slabShift: slabShift) }

    static func integrity(_ slab: inout Slab) -> String? { integrityMessage(slab) }

    static func check(mode: ByteModelChecker.Mode, runs: Int, steps: Int) -> String? {
        modelCheckByteAllocator(
            "slab over buddy", geometry: geometry, layouts: layouts, workload: workload,
            runs: runs, steps: steps, mode: mode, make: make, integrity: integrity)
    }

    @Test func passesWithZ3AndShadow() {
        #expect(Self.check(mode: .z3AndShadow, runs: 2, steps: 120) == nil)
    }

    @Test func passesWithTheShadow() {
        #expect(Self.check(mode: .shadow, runs: 20, steps: 500) == nil)
    }

    /// The default `SlabByteAllocator`: 64 KiB slabs over TLSF.
    @Test func defaultSlabOverTLSFPassesWithZ3AndShadow() {
        let workload = ByteWorkload(
            sizeRanges: [0 ... 64, 65 ... 2048, 4000 ... 20_000], alignmentLog2: 0 ... 12, slots: 40, reallocateProbability: 0)
        let layouts = [
            RegionLayout.single(size: 1 << 19),
            RegionLayout(regions: [(offset: 3, size: 300_000), (offset: 1 << 19, size: 200_000)], baseAlignment: 1 << 16),
        ]
        for (mode, runs, steps) in [(ByteModelChecker.Mode.z3AndShadow, 2, 120), (.shadow, 6, 600)] {
            let report = modelCheckByteAllocator(
                "slab over TLSF", geometry: .slab(slabShift: 16, backingHeader: TLSFByteAllocator.granularity, over: .tlsf), layouts: layouts, workload: workload,
                runs: runs, steps: steps, mode: mode, make: { SlabByteAllocator() },
                integrity: { integrityMessage($0) })
            #expect(report == nil)
        }
    }

    @Test func smallObjectChurnPassesWithTheShadow() {
        // Mostly class objects, many live: slabs fill, empty, cache and return.
        let workload = ByteWorkload(sizeRanges: [1 ... 64, 65 ... 512], alignmentLog2: 0 ... 4, slots: 200, freeProbability: 0.45)
        let report = modelCheckByteAllocator(
            "slab small objects", geometry: Self.geometry, layouts: [RegionLayout.single(size: 1 << 17)], workload: workload,
            runs: 4, steps: 2000, mode: .shadow, make: Self.make, integrity: Self.integrity)
        #expect(report == nil)
    }

    @Test(arguments: PlantedBugAllocator<Slab>.Bug.allCases)
    func plantedBugIsCaught(bug: PlantedBugAllocator<Slab>.Bug) {
        let report = modelCheckByteAllocator(
            "slab with planted \(bug)", geometry: Self.geometry, layouts: Array(Self.layouts.prefix(2)), workload: Self.workload,
            runs: 6, steps: 150, mode: .z3AndShadow,
            make: { PlantedBugAllocator(Self.make(), bug: bug) },
            integrity: { Self.integrity(&$0.base) })
        #expect(report != nil, "planted bug \(bug) went unnoticed")
        #expect(report?.contains(bug.expectedReport) == true, "planted bug \(bug) caught for another reason: \(report ?? "")")
    }
}
