import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// Every state the buddy allocator reaches over 2 KiB with at most three
/// blocks live, every step checked against the byte model (Z3 too on the
/// states with at most one live block) and `checkIntegrity()`; and every
/// planted bug caught by the same search.
@Suite struct ExhaustiveBuddyTests {
    /// Orders 4 (zero bytes, the minimum block), 5 (one byte over it), 5
    /// aligned to its size, 7 by alignment (100 bytes aligned to 64 in a
    /// 128-byte block), 9 and 10: from the minimum block to half the region.
    static let requests = [
        ExhaustiveRequest(0, alignment: 1), ExhaustiveRequest(17, alignment: 1), ExhaustiveRequest(20, alignment: 32),
        ExhaustiveRequest(100, alignment: 64), ExhaustiveRequest(300, alignment: 1), ExhaustiveRequest(1000, alignment: 1),
    ]
    static let scope = ExhaustiveByteScope(requests: requests, maxLive: 3)
    /// 2032 bytes from 16 bytes past a 64 KiB boundary: split into maximal
    /// aligned blocks of 16, 32, 64, ... 1024 bytes, which never merge with
    /// each other into a block the region does not hold aligned.
    static let layout = RegionLayout(regions: [(offset: 16, size: 2032)])

    @Test func twoKiB() {
        let report = ByteModelChecker(geometry: .buddy, layout: Self.layout, mode: .z3AndShadow).searchExhaustively(
            "buddy, 2 KiB", scope: Self.scope, make: { BuddyByteAllocator() }, integrity: ExhaustiveIntegrity.check,
            encode: { ExhaustiveLayouts.buddy($0, origin: $1) })
        #expect(report.failure == nil, "\(report)")
        #expect(report.statistics.transitions > 0)
    }

    /// Bad frees only for the bug that accepts them, so that each planted bug
    /// shows as itself.
    @Test(arguments: PlantedBugAllocator<BuddyByteAllocator>.Bug.allCases)
    func plantedBugIsCaught(bug: PlantedBugAllocator<BuddyByteAllocator>.Bug) {
        let scope = Self.scope.badFrees(bug.acceptsBadFrees)
        let report = ByteModelChecker(geometry: .buddy, layout: Self.layout, mode: .shadow).searchExhaustively(
            "buddy planted \(bug)", scope: scope, make: { PlantedBugAllocator(BuddyByteAllocator(), bug: bug) },
            integrity: { integrityMessage($0.base) }, encode: { ExhaustiveLayouts.buddy($0.base, origin: $1) })
        let reasons = bug == .overlap ? [bug.expectedReport, "not inside a managed pool"] : [bug.expectedReport]
        expectPlantedBugCaught(report, bug: bug, reasons: reasons, kind: "bytes")
    }
}
