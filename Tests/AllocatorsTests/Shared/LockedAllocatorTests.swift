#if Shared
import Allocators
import Testing
import TestSupport

/// Shares one locked allocator between threads.
private final class SharedHeap<Base: ByteAllocator & ~Copyable>: Sendable {
    let heap: LockedAllocator<Base>
    init(poolSize: Int, base: consuming sending Base) throws {
        heap = try LockedAllocator(poolSize: poolSize, base: base)
    }
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

    /// Threads allocate, fill each block with a pattern unique to the thread
    /// and block, check it before freeing (an overlap with any other live
    /// block, of any thread, would have overwritten it) and free everything:
    /// no lost block, statistics back to zero.
    @Test func threadsAllocateWriteVerifyAndFreeOnTheReference() throws {
        let shared = try SharedHeap(poolSize: 1 << 20, base: ReferenceByteAllocator())
        Self.stress(shared, label: "LockedAllocator.threads.reference")
        #expect(shared.heap.usedBytes == 0)
        #expect(shared.heap.withLock { integrityMessage($0) } == nil)
    }

    #if TLSF
    @Test func threadsAllocateWriteVerifyAndFreeOnTLSF() throws {
        let shared = try SharedHeap(poolSize: 1 << 20, base: TLSFByteAllocator())
        Self.stress(shared, label: "LockedAllocator.threads.tlsf")
        #expect(shared.heap.usedBytes == 0)
        let consistent = shared.heap.withLock { (tlsf: inout sending TLSFByteAllocator) -> Bool in (try? tlsf.checkIntegrity()) != nil }
        #expect(consistent)
    }
    #endif

    private static func stress<Base: ByteAllocator & ~Copyable & SendableMetatype>(_ shared: SharedHeap<Base>, label: String) {
        let threads = 4, steps = 3_000, maxLive = 24
        let seed = SeededRandom.forTest(label).seed
        runOnThreads(threads) { thread in
            var random = SeededRandom(seed: seed &+ UInt64(thread))
            var live: [(pointer: UnsafeMutableRawPointer, size: Int, alignment: Int, tag: UInt8)] = []
            var failures = 0
            func release(_ index: Int) {
                let block = live.remove(at: index)
                let bytes = UnsafeMutableRawBufferPointer(start: block.pointer, count: block.size)
                if !bytes.allSatisfy({ $0 == block.tag }) { failures += 1 }
                shared.heap.deallocate(block.pointer, byteCount: block.size, alignment: block.alignment)
            }
            for step in 0 ..< steps {
                if live.count < maxLive, Bool.random(using: &random) {
                    let size = Int.random(in: 1 ... 512, using: &random)
                    let alignment = 1 << Int.random(in: 0 ... 6, using: &random)
                    guard let pointer = try? shared.heap.allocate(byteCount: size, alignment: alignment) else { continue }
                    if UInt(bitPattern: pointer) % UInt(alignment) != 0 { failures += 1 }
                    let tag = UInt8(truncatingIfNeeded: thread &* 61 &+ step) | 1
                    pointer.initializeMemory(as: UInt8.self, repeating: tag, count: size)
                    live.append((pointer, size, alignment, tag))
                } else if !live.isEmpty {
                    release(Int.random(in: 0 ..< live.count, using: &random))
                }
            }
            while !live.isEmpty { release(live.count - 1) }
            precondition(failures == 0, "thread \(thread): \(failures) blocks were misaligned or overwritten")
        }
    }
}
#endif
