#if canImport(Glibc)
import Glibc
#endif
import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// Bad frees of every kind against every allocator, over regions that are
/// separate mappings with unmapped holes between them: interior pointers at
/// multiples of a byte, a word, a granule, a page and the block's alignment;
/// wrong sizes smaller and larger, and wrong alignments, wherever the
/// allocator's free contract (`ByteModelGeometry.describesBlock`) says it
/// can tell them from the block's own; double and foreign frees; pointers in
/// the holes at several alignments. Each must be `.notAllocated`, change
/// nothing and touch no memory outside the regions (a read in a hole
/// faults, and stops the test run).
@Suite(.enabled(if: RegionLayout.canUnmapHoles, "holes need mmap and munmap"))
struct HostileFreeTests {
    /// Mostly bad frees, over the allocator's sizes and alignments up to a page.
    static func workload(_ allocator: HostileByteAllocator) -> ByteWorkload {
        ByteWorkload(sizeRanges: allocator.sizeRanges, alignmentLog2: 0 ... 12, slots: 24, badFreeProbability: 0.3)
    }

    @Test(arguments: HostileByteAllocator.allCases)
    func badFreesAreRefusedOverSeparateMappings(_ allocator: HostileByteAllocator) {
        let report = allocator.modelCheck(
            "hostile frees, \(allocator)", layouts: allocator.separatedLayouts, workload: Self.workload(allocator),
            runs: 5, steps: 300)
        #expect(report == nil)
    }

    /// `deallocate` of a pointer in a hole traps with the allocator's own
    /// message (a failed precondition), not a fault.
    @Test(arguments: HostileByteAllocator.allCases)
    func deallocateInAHoleTrapsWithoutAFault(_ allocator: HostileByteAllocator) async {
        let result = await #expect(processExitsWith: .failure, observing: [\.exitStatus]) { [allocator = allocator as HostileByteAllocator] in
            let arena = PoolArena(allocator.separatedLayouts[0])
            let hole = arena.holes[0]
            allocator.withAllocator(over: arena, DeallocateAt(address: hole.lowerBound + 64))
        }
        #expect(result.map { isTrap($0.exitStatus) } == true, "\(String(describing: result?.exitStatus))")
    }

    /// The bitmap page allocator over separately mapped regions, with frees
    /// of page runs starting in the holes.
    @Test func pageFreesInHolesAreRefused() {
        let page = PoolArena.pageSize
        let arena = PoolArena(RegionLayout(
            regions: [(0, 20 * page), (24 * page, 30 * page), (60 * page + 0x800, 9 * page), (72 * page, 64 * page)],
            unmapsHoles: true))
        let workload = PageWorkload(maxPages: 40, alignmentLog2: 0 ... 5, slots: 12, pageSize: page, offsetSpan: 140)
        let report = modelCheckPageAllocator(
            "bitmap pages over separate mappings", regionSets: [arena.regions], workload: workload, runs: 10, steps: 300,
            mode: .shadow, make: { BitmapPageAllocator<4096>() }, integrity: { integrityMessage($0) })
        #expect(report == nil)
        _ = consume arena
    }

    // MARK: The checks have teeth

    /// A page allocator that accepts frees between its regions is caught by
    /// the hole steps.
    @Test func aPageAllocatorAcceptingHoleFreesIsCaught() {
        let page = 4096
        let workload = PageWorkload(maxPages: 8, alignmentLog2: 0 ... 2, slots: 8, pageSize: page, offsetSpan: 40)
        let report = modelCheckPageAllocator(
            "bitmap pages accepting hole frees", regionSets: [[(start: 0x10_0000, size: 16 * page), (start: 0x20_0000, size: 16 * page)]],
            workload: workload, runs: 6, steps: 200, mode: .shadow,
            make: { HoleAcceptingPageAllocator(BitmapPageAllocator<4096>()) }, integrity: { integrityMessage($0.base) })
        #expect(report?.contains("between regions was accepted") == true, "\(report ?? "not caught")")
    }

    /// A byte allocator that accepts frees between its regions is caught by
    /// the hole steps.
    @Test func anAllocatorAcceptingHoleFreesIsCaught() {
        let report = modelCheckByteAllocator(
            "accepting hole frees", geometry: .tlsf, layouts: HostileByteAllocator.tlsf.separatedLayouts,
            workload: HostileFreeTests.workload(.tlsf), runs: 4, steps: 200, mode: .shadow,
            make: { PlantedHoleBugAllocator(TLSFByteAllocator(), bug: .acceptsFreesBetweenRegions) },
            integrity: { integrityMessage($0.base) })
        #expect(report?.contains("between regions was accepted") == true, "\(report ?? "not caught")")
    }

    /// A free that reads the word before the pointer before any region
    /// check faults on the first hole step: the hole is really unmapped, and
    /// only the allocators' region checks keep them from it.
    @Test func aFreeReadingBeforeItsRegionCheckFaultsInAHole() async {
        await #expect(processExitsWith: .signal(SIGSEGV)) {
            let workload = ByteWorkload(sizeRanges: [16 ... 64], slots: 4, badFreeProbability: 1)
            _ = modelCheckByteAllocator(
                "faulting free", geometry: .tlsf, layouts: HostileByteAllocator.tlsf.separatedLayouts, workload: workload,
                runs: 1, steps: 200, mode: .shadow, make: { PlantedHoleBugAllocator(TLSFByteAllocator(), bug: .readsBeforeItsRegionCheck) },
                integrity: { integrityMessage($0.base) })
        }
    }
}

/// Frees `address` with `deallocate` (which traps on a bad free).
struct DeallocateAt: ByteAllocatorVisitor {
    let address: UInt
    func visit<A: ByteAllocator & ~Copyable>(_ allocator: inout A) {
        allocator.deallocate(UnsafeMutableRawPointer(bitPattern: address)!, byteCount: 16, alignment: 16)
    }
}

/// Whether a child process ended in a trap (a failed precondition or
/// `fatalError`): SIGILL on x86, SIGTRAP on ARM. A fault (SIGSEGV, SIGBUS)
/// is not one.
func isTrap(_ status: ExitStatus) -> Bool {
    status == .signal(SIGILL) || status == .signal(SIGTRAP)
}
