#if Shared
import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// Shares one locked allocator between threads, and collects what went
/// wrong on each of them: one list per thread, read after the threads are
/// joined (no lock, so ThreadSanitizer sees the order through the join).
private final class SharedHeap<Base: ByteAllocator & ~Copyable>: @unchecked Sendable {
    let heap: LockedAllocator<Base>
    let perThread: UnsafeMutablePointer<[String]>
    init(poolSize: Int, base: consuming sending Base) throws {
        heap = try LockedAllocator(poolSize: poolSize, base: base)
        perThread = .allocate(capacity: LockedAllocatorTests.threads)
        perThread.initialize(repeating: [], count: LockedAllocatorTests.threads)
    }

    deinit { perThread.deinitialize(count: LockedAllocatorTests.threads).deallocate() }

    func report(_ problem: String, thread: Int) { perThread[thread].append(problem) }

    /// Every thread's problems; only once the threads are joined.
    var problems: [String] { (0 ..< LockedAllocatorTests.threads).flatMap { perThread[$0] } }
}

@Suite("LockedAllocator")
struct LockedAllocatorTests {
    @Test func isAByteAllocator() throws {
        let arena = PoolArena(.single(size: 4096))
        let heap = LockedAllocator(ReferenceByteAllocator())
        try heap.initialize(start: arena.regions[0].start, size: 4096)
        #expect(heap.totalBytes == 4096)
        let block = try heap.allocate(byteCount: 100, alignment: 64)
        #expect(UInt(bitPattern: block) % 64 == 0)
        #expect(throws: AllocError.notAllocated) { try heap.tryDeallocate(block + 1, byteCount: 100, alignment: 64) }
        try heap.tryDeallocate(block, byteCount: 100, alignment: 64)
        #expect(heap.usedBytes == 0 && heap.availableBytes == 4096)
    }

    /// The wrapper forwards faithfully: it passes the byte-allocator model
    /// check (every success aligned, in a region and disjoint; `.noMemory`
    /// only without a gap; bad frees `.notAllocated` and harmless; the
    /// statistics contract), as its base does.
    @Test func passesTheByteModelCheck() {
        let report = modelCheckByteAllocator(
            "LockedAllocator<reference>", geometry: ReferenceByteAllocator.geometry,
            layouts: [.single(size: 4096), RegionLayout(regions: [(offset: 3, size: 1001), (offset: 8192, size: 2048)])],
            workload: ByteWorkload(sizeRanges: [1 ... 64, 64 ... 700], alignmentLog2: 0 ... 7, slots: 24),
            runs: 10, steps: 150, mode: .shadow,
            make: { LockedAllocator(ReferenceByteAllocator()) },
            integrity: { locked in locked.withLock { $0.checkIntegrity() } })
        #expect(report == nil, "\(report ?? "")")
    }

    /// The stress: each of `threads` threads runs `steps` steps with at most
    /// `maxLive` blocks of 1 ... `maxSize` bytes aligned to 1 ... 2^`maxAlignmentLog2`.
    static let threads = 4, steps = 3_000, maxLive = 24, maxSize = 512, maxAlignmentLog2 = 6
    static let poolSize = 1 << 20

    /// Whether no request of the stress can fail in a pool of `poolSize`
    /// bytes, by the allocator's completeness contract (model-checked:
    /// `.noMemory` only when no free gap of `requiredGap` bytes lies between
    /// the live extents): with at most `threads × maxLive` live blocks, the
    /// free bytes of the usable range (at least `usable − live × extent`)
    /// fall into at most `live + 1` gaps, so one of them holds
    /// `requiredGap` bytes whenever `usable ≥ live × extent + (live + 1) × gap`.
    static func noRequestCanFail(in poolSize: Int, geometry: ByteModelGeometry) -> Bool {
        let live = threads * maxLive
        var extent: UInt = 0, gap: UInt = 0
        for size in 1 ... maxSize {
            for log2 in 0 ... maxAlignmentLog2 {
                let footprint = geometry.liveExtent(1 << 20, size, 1 << log2)
                extent = max(extent, footprint.upper - footprint.lower)
                guard let need = geometry.requiredGap(size, 1 << log2) else { return false }
                gap = max(gap, need)
            }
        }
        // The pool is `poolAlignment`-aligned (64 bytes by default).
        guard let usable = geometry.usableRange(start: 64, size: poolSize, initial: true) else { return false }
        return usable.upper - usable.lower >= UInt(live) * extent + UInt(live + 1) * gap
    }

    /// Threads allocate, fill each block with a pattern unique to the thread
    /// and block, check it before freeing (an overlap with any other live
    /// block, of any thread, would have overwritten it) and free everything:
    /// no lost block, statistics back to zero. The pool is sized so that no
    /// request may fail (`noRequestCanFail`): a failed allocation is a bug.
    @Test func threadsAllocateWriteVerifyAndFreeOnTheReference() throws {
        try #require(Self.noRequestCanFail(in: Self.poolSize, geometry: ReferenceByteAllocator.geometry))
        let shared = try SharedHeap(poolSize: Self.poolSize, base: ReferenceByteAllocator())
        Self.stress(shared, label: "LockedAllocator.threads.reference")
        let problems = shared.problems
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(8))")
        #expect(shared.heap.usedBytes == 0)
        #expect(shared.heap.withLock { integrityMessage($0) } == nil)
    }

    #if TLSF
    @Test func threadsAllocateWriteVerifyAndFreeOnTLSF() throws {
        try #require(Self.noRequestCanFail(in: Self.poolSize, geometry: .tlsf))
        let shared = try SharedHeap(poolSize: Self.poolSize, base: TLSFByteAllocator())
        Self.stress(shared, label: "LockedAllocator.threads.tlsf")
        let problems = shared.problems
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(8))")
        #expect(shared.heap.usedBytes == 0)
        let consistent = shared.heap.withLock { (tlsf: inout sending TLSFByteAllocator) -> Bool in (try? tlsf.checkIntegrity()) != nil }
        #expect(consistent)
    }
    #endif

    /// The stress has teeth: over an allocator that refuses requests while
    /// memory is free, the failed allocations are counted, not skipped.
    @Test func failedAllocationsAreCounted() throws {
        let shared = try SharedHeap(poolSize: Self.poolSize, base: PlantedBugAllocator(ReferenceByteAllocator(), bug: .noMemoryWhileRoom))
        Self.stress(shared, label: "LockedAllocator.threads.planted")
        let problems = shared.problems
        #expect(problems.contains { $0.contains("failed with not enough memory") }, "\(problems.prefix(4))")
    }

    /// The sizing can refuse: a pool too small for the stress fails
    /// `noRequestCanFail`.
    @Test func aTooSmallPoolIsRefused() {
        #expect(!Self.noRequestCanFail(in: 1 << 16, geometry: ReferenceByteAllocator.geometry))
    }

    private static func stress<Base: ByteAllocator & ~Copyable & SendableMetatype>(_ shared: SharedHeap<Base>, label: String) {
        let seed = SeededRandom.forTest(label).seed
        runOnThreads(threads) { thread in
            var random = SeededRandom(seed: seed &+ UInt64(thread))
            var live: [(pointer: UnsafeMutableRawPointer, size: Int, alignment: Int, tag: UInt8)] = []
            func release(_ index: Int) {
                let block = live.remove(at: index)
                let bytes = UnsafeMutableRawBufferPointer(start: block.pointer, count: block.size)
                if !bytes.allSatisfy({ $0 == block.tag }) {
                    shared.report("thread \(thread): the block at \(block.pointer) (\(block.size) bytes) was overwritten", thread: thread)
                }
                shared.heap.deallocate(block.pointer, byteCount: block.size, alignment: block.alignment)
            }
            for step in 0 ..< steps {
                if live.count < maxLive, Bool.random(using: &random) {
                    let size = Int.random(in: 1 ... maxSize, using: &random)
                    let alignment = 1 << Int.random(in: 0 ... maxAlignmentLog2, using: &random)
                    let pointer: UnsafeMutableRawPointer
                    do { pointer = try shared.heap.allocate(byteCount: size, alignment: alignment) } catch {
                        shared.report("thread \(thread), step \(step): \(size) bytes aligned to \(alignment) failed with \(error)", thread: thread)
                        continue
                    }
                    if UInt(bitPattern: pointer) % UInt(alignment) != 0 {
                        shared.report("thread \(thread), step \(step): \(pointer) is not aligned to \(alignment)", thread: thread)
                    }
                    let tag = UInt8(truncatingIfNeeded: thread &* 61 &+ step) | 1
                    pointer.initializeMemory(as: UInt8.self, repeating: tag, count: size)
                    live.append((pointer, size, alignment, tag))
                } else if !live.isEmpty {
                    release(Int.random(in: 0 ..< live.count, using: &random))
                }
            }
            while !live.isEmpty { release(live.count - 1) }
        }
    }
}
#endif
