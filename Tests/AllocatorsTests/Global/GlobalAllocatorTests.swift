@_spi(Testing) import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// A TLSF configuration with room for two pools only, so a byte heap refuses
/// its third run: the case where a grown run must go back to the pages.
enum TwoPoolConfiguration: TLSFConfiguration {
    static var secondLevelCountLog2: Int { 5 }
    static var granularityLog2: Int { MemoryLayout<UInt>.size == 8 ? 4 : 3 }
    static var regionCapacityLog2: Int { 1 }
}

/// `GlobalAllocator`: the growth policy on both sides of its threshold, the
/// byte model with growth, its planted bugs, its locks, and no heap needed.
@Suite struct GlobalAllocatorTests {
    typealias Pages = BitmapPageAllocator<4096>
    typealias Global = GlobalAllocator<TLSFByteAllocator, Pages, NoLock>
    static let page = 4096

    /// A global allocator over `size` bytes of `arena`, its page bookkeeping
    /// carved from the region: no platform allocator involved.
    static func make(over arena: borrowing PoolArena, size: Int, threshold: Int = 64 << 10, firstChunkPages: Int = 4) throws -> Global {
        var global = Global(bytes: TLSFByteAllocator(), pages: Pages(bookkeeping: .carved), firstChunkPages: firstChunkPages,
                            directPageThreshold: threshold)
        try global.initialize(start: arena.regions[0].start, size: size)
        return global
    }

    @Test func smallRequestsGrowTheHeapGeometrically() throws {
        let size = 64 << 20
        let arena = PoolArena(.single(size: size))
        let global = try Self.make(over: arena, size: size)
        #expect(global.heapRegionCount == 1)  // the first chunk, at initialize
        var live: [UnsafeMutableRawPointer] = []
        for _ in 0 ..< 16_000 { live.append(try global.allocate(byteCount: 1000, alignment: 8)) }  // ~16 MiB
        // Each growth at least doubles the heap: O(log) regions, not one per chunk.
        let regions = global.heapRegionCount
        #expect(regions >= 3 && regions <= 14)
        let statistics = global.statistics
        #expect(statistics.directRuns == 0)
        #expect(statistics.heapBytes >= 16_000 * 1000)
        for pointer in live { try global.tryDeallocate(pointer, byteCount: 1000, alignment: 8) }
        #expect(global.usedBytes == 0)
        try global.checkIntegrity()
    }

    /// Both sides of the threshold: one byte below goes to the heap, the
    /// threshold itself is a run of whole pages, freed by size or by address.
    @Test func bothSidesOfTheDirectPageThreshold() throws {
        let size = 8 << 20
        let arena = PoolArena(.single(size: size))
        let threshold = 64 << 10
        let global = try Self.make(over: arena, size: size, threshold: threshold)
        let below = try global.allocate(byteCount: threshold - 1, alignment: 16)
        #expect(global.statistics.directRuns == 0)
        let at = try global.allocate(byteCount: threshold, alignment: 16)
        #expect(global.statistics.directRuns == 1)
        #expect(UInt(bitPattern: at) % UInt(Self.page) == 0)
        let aligned = try global.allocate(byteCount: threshold + 1, alignment: 1 << 20)
        #expect(UInt(bitPattern: aligned) % (1 << 20) == 0)
        let usable = global.usableSize(of: aligned), interior = global.usableSize(of: aligned + Self.page)
        #expect(usable == threshold + Self.page && interior == nil)
        // A run's size is checked: another page count, or below the threshold, is refused.
        #expect(throws: AllocError.notAllocated) { try global.tryDeallocate(at, byteCount: threshold + Self.page, alignment: 16) }
        #expect(throws: AllocError.notAllocated) { try global.tryDeallocate(at, byteCount: threshold - 1, alignment: 16) }
        #expect(throws: AllocError.notAllocated) { try global.tryDeallocate(at + Self.page) }
        #expect(throws: AllocError.notAllocated) { try global.tryDeallocatePages(at: UInt(bitPattern: at), count: threshold / Self.page) }
        try global.tryDeallocate(at, byteCount: threshold - 100 + 100, alignment: 8)  // same page count, same run
        try global.tryDeallocate(aligned)
        try global.tryDeallocate(below)
        #expect(global.statistics.directRuns == 0 && global.usedBytes == 0)
        try global.checkIntegrity()
    }

    /// Pages straight from the page allocator: recorded, checked on free,
    /// never the byte heap's.
    @Test func pagesAllocatedDirectly() throws {
        let size = 8 << 20
        let arena = PoolArena(.single(size: size))
        let global = try Self.make(over: arena, size: size)
        let run = try global.allocatePages(count: 3, alignment: 8192)
        #expect(run % 8192 == 0)
        #expect(global.usedBytes == 3 * Self.page)
        #expect(throws: AllocError.notAllocated) { try global.tryDeallocatePages(at: run, count: 2) }
        #expect(throws: AllocError.notAllocated) { try global.tryDeallocate(UnsafeMutableRawPointer(bitPattern: run)!) }
        let block = try global.allocate(byteCount: 64, alignment: 16)
        #expect(throws: AllocError.notAllocated) { try global.tryDeallocatePages(at: UInt(bitPattern: block) & ~4095, count: 1) }
        try global.tryDeallocatePages(at: run, count: 3)
        try global.tryDeallocate(block)
        #expect(global.usedBytes == 0)
        try global.checkIntegrity()
    }

    /// The evidence for `TLSFAllocator.regionSize(serving:)`: a fresh region
    /// of that size serves the request at any alignment of its start; the
    /// required gap alone does not always (the overhead is needed).
    @Test func aFreshRegionOfTheStatedSizeServesTheRequest() throws {
        var random = SeededRandom.forTest("GlobalAllocator.regionSize")
        let arena = PoolArena(.single(size: 1 << 22))
        var shortOfOverheadFailed = false
        for _ in 0 ..< 300 {
            let byteCount = Int.random(in: 0 ... 100_000, using: &random)
            let alignment = 1 << Int.random(in: 0 ... 12, using: &random)
            let offset = Int.random(in: 0 ..< 64, using: &random)
            for initial in [false, true] {
                let size = try #require(TLSFByteAllocator.regionSize(serving: byteCount, alignment: alignment, initial: initial))
                var tlsf = TLSFByteAllocator()
                let start = arena.regions[0].start + UInt(offset)
                if initial { try tlsf.initialize(start: start, size: size) } else {
                    try tlsf.initialize(start: start + (1 << 21), size: TLSFByteAllocator.controlBytes + 256)
                    try tlsf.addMemory(start: start, size: size)
                }
                let p = try tlsf.allocate(byteCount: byteCount, alignment: alignment)
                try tlsf.tryDeallocate(p, byteCount: byteCount, alignment: alignment)
                if !initial {
                    var short = TLSFByteAllocator()
                    let gap = Int(try #require(TLSFByteAllocator.requiredGap(byteCount: byteCount, alignment: alignment)))
                    try? short.initialize(start: start + (1 << 21), size: TLSFByteAllocator.controlBytes + 256)
                    if (try? short.addMemory(start: start, size: gap)) == nil { shortOfOverheadFailed = true; continue }
                    if (try? short.allocate(byteCount: byteCount, alignment: alignment)) == nil { shortOfOverheadFailed = true }
                }
            }
        }
        #expect(shortOfOverheadFailed)
    }

    /// Every `.noMemory` is owed: the page allocator has no free run of the
    /// pages the request needs (the allocator's own completeness guarantee,
    /// which the byte model's gap rule cannot state for it).
    @Test func refusalsAreJustified() throws {
        var random = SeededRandom.forTest("GlobalAllocator.refusals")
        let size = 6 << 20
        let arena = PoolArena(.single(size: size))
        let global = try Self.make(over: arena, size: size, threshold: 32 << 10)
        var live: [(UnsafeMutableRawPointer, Int, Int)] = []
        var refusals = 0
        for _ in 0 ..< 4000 {
            if !live.isEmpty, Int.random(in: 0 ..< 10, using: &random) < 4 {
                let (p, n, a) = live.remove(at: Int.random(in: 0 ..< live.count, using: &random))
                try global.tryDeallocate(p, byteCount: n, alignment: a)
                continue
            }
            let byteCount = [Int.random(in: 1 ... 4000, using: &random), Int.random(in: 20_000 ... 400_000, using: &random)]
                .randomElement(using: &random)!
            let alignment = 1 << Int.random(in: 0 ... 13, using: &random)
            do throws(AllocError) {
                live.append((try global.allocate(byteCount: byteCount, alignment: alignment), byteCount, alignment))
            } catch {
                #expect(error == .noMemory)
                refusals += 1
                let justified = global.refusalIsJustified(byteCount: byteCount, alignment: alignment)
                #expect(justified, "refused \(byteCount) aligned \(alignment)")
            }
            try global.checkIntegrity()
        }
        #expect(refusals > 0)
        for (p, n, a) in live { try global.tryDeallocate(p, byteCount: n, alignment: a) }
        #expect(global.usedBytes == 0)
    }

    // MARK: The byte model, with growth

    static let threshold = 16 << 10
    static var geometry: ByteModelGeometry {
        .global(Global.self, bytes: .tlsf, directPageThreshold: threshold, unreachableGap: 1 << 40)
    }
    static let layouts = [
        RegionLayout(regions: [(offset: 0, size: 1 << 20)]),
        RegionLayout(regions: [(offset: 100, size: 600 << 10), (offset: 1 << 20, size: 512 << 10)]),
    ]
    static let workload = ByteWorkload(sizeRanges: [0 ... 64, 64 ... 3000, 10_000 ... 40_000], alignmentLog2: 0 ... 13, slots: 40)

    static func makeForModel(_ bug: GlobalAllocatorPlantedBug = .none) -> Global {
        Global(bytes: TLSFByteAllocator(), pages: Pages(bookkeeping: .carved), firstChunkPages: 2,
               directPageThreshold: threshold, plantedBug: bug)
    }

    @Test func againstTheByteModel() {
        for (mode, runs, steps) in [(ByteModelChecker.Mode.z3AndShadow, 2, 120), (.shadow, 8, 500)] {
            let report = modelCheckByteAllocator(
                "global", geometry: Self.geometry, layouts: Self.layouts, workload: Self.workload, runs: runs, steps: steps,
                mode: mode, make: { Self.makeForModel() }, integrity: { integrityMessage($0) })
            #expect(report == nil)
        }
    }

    /// The planted growth bug (a new heap that forgets the old regions) is
    /// caught by the model.
    @Test func growthThatLosesTheOldRegionsIsCaught() {
        let report = modelCheckByteAllocator(
            "global, growth loses old regions", geometry: Self.geometry, layouts: Self.layouts,
            workload: ByteWorkload(sizeRanges: [64 ... 3000], alignmentLog2: 0 ... 4, slots: 60, freeProbability: 0.1,
                                   hostileProbability: 0, badFreeProbability: 0),
            runs: 2, steps: 400, mode: .shadow, make: { Self.makeForModel(.growthLosesOldRegions) }, integrity: { integrityMessage($0) })
        #expect(report != nil)
    }

    /// A byte heap that refuses a run (its region table is full) gets it
    /// taken back: nothing leaks.
    @Test func aRunTheHeapRefusesGoesBack() throws {
        let (refused, problem) = try Self.fillTheTwoPoolHeap(planted: false)
        #expect(refused)  // the third run was refused by the two-pool heap
        #expect(problem == nil)
    }

    /// The planted leak of a refused run is caught by the integrity check;
    /// built with `ALLOCATORS_INTERNAL_CHECKS`, by the check that ends the
    /// leaking allocation, which stops the program.
    @Test func aRunLeakedWhenTheHeapRefusesIsCaught() async throws {
        #if ALLOCATORS_INTERNAL_CHECKS
        await #expect(processExitsWith: .failure) { _ = try? Self.fillTheTwoPoolHeap(planted: true) }
        #else
        let (refused, problem) = try Self.fillTheTwoPoolHeap(planted: true)
        #expect(refused)
        #expect(problem != nil)
        #endif
    }

    /// Allocates 3000-byte blocks from a global allocator whose byte heap
    /// holds two pools until one is refused, reads the integrity check, and
    /// frees them all.
    static func fillTheTwoPoolHeap(planted: Bool) throws -> (refused: Bool, problem: String?) {
        typealias Small = GlobalAllocator<TLSFAllocator<TwoPoolConfiguration>, Pages, NoLock>
        let size = 8 << 20
        let arena = PoolArena(.single(size: size))
        var global = Small(bytes: TLSFAllocator<TwoPoolConfiguration>(), pages: Pages(bookkeeping: .carved), firstChunkPages: 2,
                           directPageThreshold: 1 << 30, plantedBug: planted ? .leakRunWhenBytesRefuse : .none)
        try global.initialize(start: arena.regions[0].start, size: size)
        var live: [UnsafeMutableRawPointer] = []
        var refused = false
        for _ in 0 ..< 2000 {
            do throws(AllocError) { live.append(try global.allocate(byteCount: 3000, alignment: 16)) } catch {
                refused = true
                break
            }
        }
        let problem = integrityMessage(global)
        for pointer in live { global.deallocate(pointer, byteCount: 3000, alignment: 16) }
        return (refused, problem)
    }

    // MARK: Locks

    /// Two threads share one allocator through its lock (a `let`, no
    /// exclusive access needed), for each lock that can be shared.
    @Test func threadsShareItThroughItsLock() throws {
        try Self.share(GlobalAllocator<TLSFByteAllocator, Pages, MutexLock>.self)
        try Self.share(GlobalAllocator<TLSFByteAllocator, Pages, SpinLock>.self)
    }

    static func share<L: AllocatorLock & Sendable & ~Copyable>(_ type: GlobalAllocator<TLSFByteAllocator, Pages, L>.Type) throws {
        typealias Shared = GlobalAllocator<TLSFByteAllocator, Pages, L>
        let size = 32 << 20
        let arena = PoolArena(.single(size: size))
        let cell = UnsafeMutablePointer<Shared>.allocate(capacity: 1)
        cell.initialize(to: Shared(bytes: TLSFByteAllocator(), pages: Pages(bookkeeping: .carved)))
        try cell.pointee.initialize(start: arena.regions[0].start, size: size)
        let failures = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        failures.initialize(repeating: 0, count: 2)
        let (cellAddress, failuresAddress) = (UInt(bitPattern: cell), UInt(bitPattern: failures))
        runOnThreads(2) { index in
            // Shared by address: the allocator's operations borrow it, its lock serializes them.
            let global = UnsafeMutablePointer<Shared>(bitPattern: cellAddress)!
            let failed = UnsafeMutablePointer<Int>(bitPattern: failuresAddress)! + index
            var random = SeededRandom.forTest("GlobalAllocator.threads.\(index)")
            var live: [(UnsafeMutableRawPointer, Int)] = []
            for _ in 0 ..< 20_000 {
                if live.count > 200 || (!live.isEmpty && Bool.random(using: &random)) {
                    let (p, n) = live.removeLast()
                    if (try? global.pointee.tryDeallocate(p, byteCount: n, alignment: 16)) == nil { failed.pointee += 1 }
                } else {
                    let n = [Int.random(in: 1 ... 2000, using: &random), 70_000].randomElement(using: &random)!
                    if let p = try? global.pointee.allocate(byteCount: n, alignment: 16) {
                        p.storeBytes(of: UInt8(index), as: UInt8.self)
                        live.append((p, n))
                    } else {
                        failed.pointee += 1
                    }
                }
            }
            for (p, n) in live where (try? global.pointee.tryDeallocate(p, byteCount: n, alignment: 16)) == nil { failed.pointee += 1 }
        }
        #expect(failures[0] == 0 && failures[1] == 0)
        #expect(cell.pointee.usedBytes == 0)
        #expect(integrityMessage(cell.pointee) == nil)
        cell.deinitialize(count: 1)
        cell.deallocate()
        failures.deallocate()
        _ = consume arena
    }
}
