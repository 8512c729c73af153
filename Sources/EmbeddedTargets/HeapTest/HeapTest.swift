import Allocators

/// The on-target heap test: each allocator through a seeded random
/// workload with every check after every step, then a long run checked at
/// its end (the run whose per-operation instruction counts are compared with
/// the static bounds of `allocators-wcet`). One pass line per allocator; a
/// failure prints its seed and the shrunk failing trace, and fails the run.
@main
struct HeapTest {
    static func main() {
        HeapTestConfiguration.report()
        let arena = UnsafeMutableRawBufferPointer(start: boardArenaStart(), count: boardArenaSize())
        var failed = 0
        var offset = 0
        // Each allocator gets its own 1 MiB-aligned part of the arena.
        func region(_ bytes: Int) -> UnsafeMutableRawBufferPointer {
            let start = (UInt(bitPattern: arena.baseAddress) + UInt(offset) + 0xFFFFF) & ~0xFFFFF
            let begin = Int(start - UInt(bitPattern: arena.baseAddress))
            precondition(begin + bytes <= arena.count, "heap test: the board's arena is too small")
            offset = begin + bytes
            return UnsafeMutableRawBufferPointer(rebasing: arena[begin ..< begin + bytes])
        }
        failed += test(TLSFUnderTest.self, region(HeapTestConfiguration.tlsfPoolBytes + 4096 + HeapTestConfiguration.tlsfSecondPoolBytes), number: 1)
        #if Slab
        failed += test(SlabUnderTest.self, region(HeapTestConfiguration.slabRegionBytes), number: 2)
        #endif
        #if Buddy
        failed += test(BuddyUnderTest.self, region(HeapTestConfiguration.buddyRegionBytes), number: 3)
        #endif
        #if Bitmap
        failed += test(BitmapUnderTest.self, region(HeapTestConfiguration.bitmapPages * HeapTestConfiguration.pageBytes), number: 4)
        #endif
        if failed != 0 {
            print("heap-test: FAIL (\(failed) allocator(s))")
            boardExit(1)
            fatalError("heap-test: board_exit returned")
        }
        print("heap-test: PASS")
    }

    /// The checked run and the long run of one allocator; 1 when either fails.
    static func test<Heap: ByteHeapUnderTest & ~Copyable>(_ type: Heap.Type, _ region: UnsafeMutableRawBufferPointer, number: UInt64) -> Int {
        let seed = HeapTestConfiguration.seed ^ (number &* 0x1000_0000_0000_0001)
        var counts = WorkloadCounts()
        let runs: [(steps: Int, checked: Bool, seed: UInt64)] = [
            (HeapTestConfiguration.checkedSteps, true, seed), (HeapTestConfiguration.measuredSteps, false, seed &+ 1),
        ]
        for run in runs {
            if let failure = runWorkload(type, region: region, seed: run.seed, steps: run.steps, checkEveryStep: run.checked, keep: nil, counts: &counts) {
                print("heap-test \(Heap.name): FAIL at step \(failure.step) of seed \(hex(run.seed)): \(failure.what)")
                shrinkAndPrint(type, region: region, seed: run.seed, failure: failure, checkEveryStep: run.checked)
                return 1
            }
        }
        print("heap-test \(Heap.name): PASS (\(HeapTestConfiguration.checkedSteps) checked and \(HeapTestConfiguration.measuredSteps) measured steps, \(counts.allocations) allocations, \(counts.failedAllocations) refused for room, \(counts.reallocations) resizes, \(counts.frees) frees, \(counts.refusedFrees) bad frees refused, peak \(counts.peakUsedBytes) bytes used)")
        return 0
    }
}

/// Ends the program with `status` (it does not return).
@_extern(c, "board_exit")
func boardExit(_ status: Int32)
