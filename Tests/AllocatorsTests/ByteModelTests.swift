import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// The byte-allocator model and its checker, on a trivially correct reference
/// allocator: it passes, and every planted bug is caught (the model has teeth).
@Suite struct ByteModelTests {
    static let workload = ByteWorkload(sizeRanges: [1 ... 64, 64 ... 700], alignmentLog2: 0 ... 7, slots: 24)
    static let layouts = [
        RegionLayout.single(size: 4096),
        RegionLayout(regions: [(offset: 3, size: 1001), (offset: 8192, size: 2048)]),
    ]

    static func check(_ bug: PlantedBugAllocator<ReferenceByteAllocator>.Bug?, mode: ByteModelChecker.Mode, runs: Int = 6) -> String? {
        let geometry = ReferenceByteAllocator.geometry
        if let bug {
            return modelCheckByteAllocator(
                "reference with planted \(bug)", geometry: geometry, layouts: layouts, workload: workload,
                runs: runs, steps: 150, mode: mode,
                make: { PlantedBugAllocator(ReferenceByteAllocator(), bug: bug) },
                integrity: { integrityMessage($0.base) })
        }
        return modelCheckByteAllocator(
            "reference", geometry: geometry, layouts: layouts, workload: workload,
            runs: runs, steps: 150, mode: mode,
            make: { ReferenceByteAllocator() }, integrity: { integrityMessage($0) })
    }

    @Test func referenceAllocatorPassesWithZ3AndShadow() {
        #expect(Self.check(nil, mode: .z3AndShadow, runs: 3) == nil)
    }

    @Test func referenceAllocatorPassesWithTheShadow() {
        #expect(Self.check(nil, mode: .shadow, runs: 20) == nil)
    }

    @Test(arguments: PlantedBugAllocator<ReferenceByteAllocator>.Bug.allCases)
    func plantedBugIsCaughtByZ3AndShadow(bug: PlantedBugAllocator<ReferenceByteAllocator>.Bug) {
        let report = Self.check(bug, mode: .z3AndShadow)
        #expect(report != nil, "planted bug \(bug) went unnoticed")
        #expect(report?.contains(bug.expectedReport) == true, "planted bug \(bug) caught for another reason: \(report ?? "")")
    }

    @Test func anOverlappingRegionIsRefused() {
        let layout = RegionLayout(regions: [(offset: 0, size: 4096), (offset: 2048, size: 4096)])
        let checker = ByteModelChecker(geometry: ReferenceByteAllocator.geometry, layout: layout)
        #expect(checker.run([], make: { ReferenceByteAllocator() }, integrity: { integrityMessage($0) }) == nil)
    }

    @Test func shrinkingKeepsTheFailureAndPrintsATrace() throws {
        let checker = ByteModelChecker(geometry: ReferenceByteAllocator.geometry, layout: .single(size: 4096))
        var random = SeededRandom.forTest("shrink")
        let steps = Self.workload.steps(200, using: &random)
        let make = { PlantedBugAllocator(ReferenceByteAllocator(), bug: .overlap) }
        let shrunk = try #require(checker.shrink(steps, make: make, integrity: { integrityMessage($0.base) }))
        #expect(shrunk.steps.count < steps.count)
        #expect(shrunk.steps.count <= 12)
        let trace = renderTrace(name: "shrunk", pool: 4096, steps: shrunk.steps)
        #expect(trace.hasPrefix("# trace shrunk\n# kind bytes"))
    }
}
