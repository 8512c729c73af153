import Allocators
import AllocatorSpec
import Testing
import TestSupport

extension TLSFAllocator {
    /// The allocator's footprint for the reference model, from its kernels.
    static var modelGeometry: ByteModelGeometry {
        ByteModelGeometry(
            liveExtent: { pointer, byteCount, alignment in liveExtent(pointer: pointer, byteCount: byteCount, alignment: alignment) },
            requiredGap: { byteCount, alignment in requiredGap(byteCount: byteCount, alignment: alignment) },
            usableRange: { start, size in usableRange(start: start, size: size) },
            overheadBound: { byteCount, alignment in overheadBound(byteCount: byteCount, alignment: alignment) },
            initialUsableRange: { start, size in initialUsableRange(start: start, size: size) })
    }

    static func integrity(_ allocator: inout TLSFAllocator) -> String? {
        do { try allocator.checkIntegrity(); return nil } catch { return "\(error)" }
    }

    static var reallocation: ByteModelChecker.Reallocate<TLSFAllocator> {
        { allocator, pointer, byteCount, newByteCount, alignment throws(AllocError) in
            try allocator.reallocate(pointer, byteCount: byteCount, newByteCount: newByteCount, alignment: alignment)
        }
    }
}

/// TLSF against the byte-allocator reference model, over many geometries.
@Suite struct TLSFModelTests {
    typealias Default = TLSFByteAllocator
    typealias Sixteen = TLSFAllocator<TLSFSixteenListConfiguration>

    /// Region layouts: a tiny pool near the minimum, odd addresses and sizes,
    /// several pools (one overlapping, refused), a larger pool.
    static func layouts(control: Int) -> [RegionLayout] {
        let minimum = Default.minimumBlockSize * 2 + Default.granularity
        return [
            RegionLayout(regions: [(offset: 0, size: control + minimum)]),
            RegionLayout(regions: [(offset: 0, size: control + minimum + 37)]),
            RegionLayout(regions: [(offset: 3, size: control + 1001)]),
            RegionLayout(regions: [(offset: 5, size: control + 3000), (offset: control + 4099, size: 777), (offset: control + 6001, size: 77)]),
            RegionLayout(regions: [(offset: 0, size: control + 2048), (offset: control + 1024, size: 4096), (offset: control + 8192, size: 4096)]),
            RegionLayout(regions: [(offset: 8, size: control + 16384)]),
        ]
    }

    static let workloads = [
        ByteWorkload(sizeRanges: [0 ... 48, 48 ... 600], alignmentLog2: 0 ... 6, slots: 24, reallocateProbability: 0.1),
        ByteWorkload(sizeRanges: [1 ... 16, 200 ... 4000], alignmentLog2: 0 ... 13, slots: 12, zeroSizeProbability: 0.1,
                     hostileProbability: 0.05, reallocateProbability: 0.15),
    ]

    /// Well-formed requests only, so each planted bug shows as itself.
    static let plantedBugWorkload = ByteWorkload(
        sizeRanges: [0 ... 48, 48 ... 600], alignmentLog2: 0 ... 6, slots: 24, hostileProbability: 0)

    static func check<A: ByteAllocator & ~Copyable>(
        _ label: String, geometry: ByteModelGeometry, control: Int, mode: ByteModelChecker.Mode, runs: Int, steps: Int,
        make: () -> A, integrity: (inout A) -> String?, reallocate: ByteModelChecker.Reallocate<A>?
    ) -> String? {
        for (index, workload) in workloads.enumerated() {
            if let report = modelCheckByteAllocator(
                "\(label) workload \(index)", geometry: geometry, layouts: layouts(control: control), workload: workload,
                runs: runs, steps: steps, mode: mode, make: make, integrity: integrity, reallocate: reallocate)
            { return report }
        }
        return nil
    }

    @Test func defaultConfigurationAgreesWithTheShadow() {
        #expect(Self.check(
            "TLSF", geometry: Default.modelGeometry, control: Default.controlBytes, mode: .shadow, runs: 6, steps: 300,
            make: { Default() }, integrity: Default.integrity, reallocate: Default.reallocation) == nil)
    }

    @Test func sixteenListsAgreeWithTheShadow() {
        #expect(Self.check(
            "TLSF16", geometry: Sixteen.modelGeometry, control: Sixteen.controlBytes, mode: .shadow, runs: 6, steps: 300,
            make: { Sixteen() }, integrity: Sixteen.integrity, reallocate: Sixteen.reallocation) == nil)
    }

    @Test func defaultConfigurationAgreesWithZ3() {
        #expect(Self.check(
            "TLSF z3", geometry: Default.modelGeometry, control: Default.controlBytes, mode: .z3AndShadow, runs: 1, steps: 80,
            make: { Default() }, integrity: Default.integrity, reallocate: Default.reallocation) == nil)
    }

    @Test(arguments: PlantedBugAllocator<TLSFByteAllocator>.Bug.allCases)
    func plantedBugIsCaught(bug: PlantedBugAllocator<TLSFByteAllocator>.Bug) {
        let report = modelCheckByteAllocator(
            "TLSF planted \(bug)", geometry: Default.modelGeometry, layouts: Array(Self.layouts(control: Default.controlBytes).suffix(2)),
            workload: Self.plantedBugWorkload, runs: 4, steps: 200, mode: .shadow,
            make: { PlantedBugAllocator(TLSFByteAllocator(), bug: bug) },
            integrity: { Default.integrity(&$0.base) })
        #expect(report != nil, "planted bug \(bug) went unnoticed")
        #expect(report?.contains(bug.expectedReport) == true, "planted bug \(bug) caught for another reason: \(report ?? "")")
    }
}
