#if canImport(Glibc)
import Glibc
#endif
import Allocators
import Testing
import TestSupport

/// TLSF under hostile input: pools in separately mapped memory with unmapped
/// holes between them, use-after-free writes over freed blocks' links, sizes
/// and alignments that do not describe the block, and the region rule.
@Suite struct TLSFHardeningTests {
    /// Three pools of `poolSize` bytes in one reservation, with the pages
    /// between them unmapped: touching a hole faults.
    struct HoledMapping: ~Copyable {
        let base: UnsafeMutableRawPointer
        let poolSize: Int
        let stride: Int
        static let page = 4096

        init(poolSize: Int = 1 << 16) {
            self.poolSize = poolSize
            stride = poolSize + 4 * Self.page
            let total = 3 * stride
            base = mmap(nil, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
            // Unmap the hole after each pool.
            for index in 0 ..< 3 { _ = munmap(base + index * stride + poolSize, 4 * Self.page) }
        }

        func pool(_ index: Int) -> UInt { UInt(bitPattern: base + index * stride) }
        /// An address inside the hole after pool `index`.
        func hole(_ index: Int, offset: Int = 16) -> UnsafeMutableRawPointer { base + index * stride + poolSize + offset }

        deinit { for index in 0 ..< 3 { _ = munmap(base + index * stride, poolSize) } }
    }

    static func heap(over mapping: borrowing HoledMapping) throws -> TLSFByteAllocator {
        var tlsf = TLSFByteAllocator()
        try tlsf.initialize(start: mapping.pool(0), size: mapping.poolSize)
        try tlsf.addMemory(start: mapping.pool(1), size: mapping.poolSize)
        try tlsf.addMemory(start: mapping.pool(2), size: mapping.poolSize)
        return tlsf
    }

    /// Frees of pointers in the unmapped holes are refused without a read
    /// of the hole (a read would fault and end the test process).
    @Test func freesInTheHolesBetweenPoolsAreRefusedWithoutAFault() throws {
        let mapping = HoledMapping()
        var tlsf = try Self.heap(over: mapping)
        var live: [UnsafeMutableRawPointer] = []
        for _ in 0 ..< 200 { live.append(try tlsf.allocate(byteCount: 600, alignment: 16)) }
        let poolOf = { (p: UnsafeMutableRawPointer) in (UInt(bitPattern: p) - mapping.pool(0)) / UInt(mapping.stride) }
        #expect(Set(live.map(poolOf)) == [0, 1, 2])  // every pool serves
        for index in 0 ..< 3 {
            for offset in [0, 16, 32, 48, 4096, 4 * 4096 - 16] {
                let pointer = mapping.hole(index, offset: offset)
                #expect(throws: AllocError.notAllocated) { try tlsf.tryDeallocate(pointer, byteCount: 16, alignment: 16) }
                #expect(throws: AllocError.notAllocated) { try tlsf.tryDeallocate(pointer) }
                let usable = tlsf.usableSize(of: pointer)
                #expect(usable == nil)
            }
        }
        for pointer in live { try tlsf.tryDeallocate(pointer, byteCount: 600, alignment: 16) }
        #expect(tlsf.usedBytes == 0)
        try tlsf.checkIntegrity()
        _ = consume tlsf
    }

    /// The sized free refuses every size that does not describe the block,
    /// smaller as well as larger, and alignments the pointer does not meet.
    @Test func wrongSizesAndAlignmentsAreRefused() throws {
        let arena = PoolArena(.single(size: 1 << 16))
        var tlsf = TLSFByteAllocator()
        try tlsf.initialize(start: arena.regions[0].start, size: 1 << 16)
        let p = try tlsf.allocate(byteCount: 200, alignment: 16)
        let g = TLSFByteAllocator.granularity
        for wrong in [0, 1, 100, 200 - 2 * g - 1, 200 + 2 * g, 1000, -1, Int.min, Int.max] {
            let describes = (200 - 2 * g + 1 ... 200 + 2 * g - 1).contains(wrong) && wrong > 0
            if !describes {
                #expect(throws: AllocError.notAllocated) { try tlsf.tryDeallocate(p, byteCount: wrong, alignment: 16) }
            }
        }
        for badAlignment in [0, 3, 24, -16, 1 << 20] where UInt(bitPattern: p) % UInt(max(badAlignment, 1)) != 0 || badAlignment <= 0
            || badAlignment & (badAlignment - 1) != 0 {
            #expect(throws: AllocError.notAllocated) { try tlsf.tryDeallocate(p, byteCount: 200, alignment: badAlignment) }
        }
        let used = tlsf.usedBytes
        #expect(used > 0)
        try tlsf.tryDeallocate(p, byteCount: 193, alignment: 8)  // the same block: 193 ... 200 round alike
        #expect(tlsf.usedBytes == 0)
    }

    /// Interior pointers at multiples of the granularity are refused too.
    @Test func interiorPointersAtGranuleMultiplesAreRefused() throws {
        let arena = PoolArena(.single(size: 1 << 16))
        var tlsf = TLSFByteAllocator()
        try tlsf.initialize(start: arena.regions[0].start, size: 1 << 16)
        let p = try tlsf.allocate(byteCount: 1000, alignment: 256)
        p.initializeMemory(as: UInt8.self, repeating: 0xA5, count: 1000)  // the program's bytes
        for offset in stride(from: TLSFByteAllocator.granularity, to: 1000, by: TLSFByteAllocator.granularity) {
            #expect(throws: AllocError.notAllocated) { try tlsf.tryDeallocate(p + offset) }
            #expect(throws: AllocError.notAllocated) { try tlsf.tryDeallocate(p + offset, byteCount: 1000 - offset, alignment: 16) }
        }
        try tlsf.tryDeallocate(p, byteCount: 1000, alignment: 256)
        try tlsf.checkIntegrity()
    }

    /// A use after free writes an address outside the pools over a freed
    /// block's next link: the next allocation that takes that block stops
    /// the program instead of handing out the outside memory.
    @Test func aCorruptedNextLinkStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            let arena = PoolArena(.single(size: 1 << 16))
            let outside = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 4096)
            var tlsf = TLSFByteAllocator()
            try! tlsf.initialize(start: arena.regions[0].start, size: 1 << 16)
            let a = try! tlsf.allocate(byteCount: 64, alignment: 16)
            let keep = try! tlsf.allocate(byteCount: 64, alignment: 16)  // a used block between a and b
            let b = try! tlsf.allocate(byteCount: 64, alignment: 16)
            _ = try! tlsf.allocate(byteCount: 64, alignment: 16)
            tlsf.deallocate(b, byteCount: 64, alignment: 16)
            tlsf.deallocate(a, byteCount: 64, alignment: 16)  // a heads its list, b next
            a.storeBytes(of: UInt(bitPattern: outside) + 16, as: UInt.self)  // a's nextFree
            _ = keep
            _ = try? tlsf.allocate(byteCount: 64, alignment: 16)  // takes a: must trap
            _ = try? tlsf.allocate(byteCount: 64, alignment: 16)
        }
    }

    /// The same with an address inside the pool that does not link back.
    @Test func aNextLinkThatDoesNotLinkBackStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            let arena = PoolArena(.single(size: 1 << 16))
            var tlsf = TLSFByteAllocator()
            try! tlsf.initialize(start: arena.regions[0].start, size: 1 << 16)
            let a = try! tlsf.allocate(byteCount: 64, alignment: 16)
            let live = try! tlsf.allocate(byteCount: 256, alignment: 16)
            tlsf.deallocate(a, byteCount: 64, alignment: 16)
            // Point a's link at a live block's header: aligned, inside, not free.
            a.storeBytes(of: UInt(bitPattern: live) - 16, as: UInt.self)
            _ = try? tlsf.allocate(byteCount: 64, alignment: 16)
        }
    }

    /// A use after free over a freed block's previous link is caught when a
    /// neighbour's free merges with it.
    @Test func aCorruptedPreviousLinkStopsTheMerge() async {
        await #expect(processExitsWith: .failure) {
            let arena = PoolArena(.single(size: 1 << 16))
            var tlsf = TLSFByteAllocator()
            try! tlsf.initialize(start: arena.regions[0].start, size: 1 << 16)
            let a = try! tlsf.allocate(byteCount: 64, alignment: 16)
            let b = try! tlsf.allocate(byteCount: 64, alignment: 16)
            let c = try! tlsf.allocate(byteCount: 64, alignment: 16)
            _ = try! tlsf.allocate(byteCount: 64, alignment: 16)
            tlsf.deallocate(c, byteCount: 64, alignment: 16)
            tlsf.deallocate(a, byteCount: 64, alignment: 16)  // a heads the list, c after it
            (a + MemoryLayout<UInt>.size).storeBytes(of: 0x1000, as: UInt.self)  // a's previousFree
            tlsf.deallocate(b, byteCount: 64, alignment: 16)  // merges with a: unlinking a must trap
        }
    }

    /// Use-after-free writes that leave the allocator handing out only its
    /// own memory are survived: a link redirected to another free block that
    /// links back is accepted, and every block returned lies in the pool.
    @Test func anOverwrittenFreeBlockNeverLeadsOutsideThePool() throws {
        let arena = PoolArena(.single(size: 1 << 16))
        let start = arena.regions[0].start
        var tlsf = TLSFByteAllocator()
        try tlsf.initialize(start: start, size: 1 << 16)
        var blocks: [UnsafeMutableRawPointer] = []
        for _ in 0 ..< 20 { blocks.append(try tlsf.allocate(byteCount: 48, alignment: 16)) }
        for index in stride(from: 0, to: 20, by: 2) { tlsf.deallocate(blocks[index], byteCount: 48, alignment: 16) }
        // Payload words past the two links are the program's to scribble on.
        for index in stride(from: 0, to: 20, by: 2) { (blocks[index] + 2 * MemoryLayout<UInt>.size).storeBytes(of: UInt.max, as: UInt.self) }
        for _ in 0 ..< 30 {
            let p = UInt(bitPattern: try tlsf.allocate(byteCount: 48, alignment: 16))
            #expect(p >= start && p < start + (1 << 16))
        }
        try tlsf.checkIntegrity()
    }

    /// Free by address: the C shape, with the same checks.
    @Test func freeByAddressAndUsableSize() throws {
        let arena = PoolArena(.single(size: 1 << 16))
        var tlsf = TLSFByteAllocator()
        try tlsf.initialize(start: arena.regions[0].start, size: 1 << 16)
        let p = try tlsf.allocate(byteCount: 100, alignment: 64)
        let usableOrNil = tlsf.usableSize(of: p)
        let usable = try #require(usableOrNil)
        #expect(usable >= 100 && usable < 100 + 2 * TLSFByteAllocator.granularity)
        let interior = tlsf.usableSize(of: p + 16)
        #expect(interior == nil)
        try tlsf.tryDeallocate(p)
        #expect(throws: AllocError.notAllocated) { try tlsf.tryDeallocate(p) }
        let afterFree = tlsf.usableSize(of: p)
        #expect(afterFree == nil)
        #expect(tlsf.usedBytes == 0)
    }

    /// The region rule, the same for every allocator: an empty region inside
    /// a pool is `.invalidParam` (its shape is checked first), an overlap
    /// `.memoryOverlap`, a full region table `.noMemory`; nothing changes.
    @Test func theRegionRule() throws {
        let arena = PoolArena(.single(size: 1 << 20))
        let start = arena.regions[0].start
        var tlsf = TLSFByteAllocator()
        try tlsf.initialize(start: start, size: 1 << 16)
        #expect(throws: AllocError.invalidParam) { try tlsf.addMemory(start: start + 100, size: 0) }
        #expect(throws: AllocError.invalidParam) { try tlsf.addMemory(start: start + 100, size: -5) }
        #expect(throws: AllocError.invalidParam) { try tlsf.addMemory(start: UInt.max - 10, size: 100) }
        #expect(throws: AllocError.memoryOverlap) { try tlsf.addMemory(start: start + 100, size: 100) }
        #expect(throws: AllocError.memoryOverlap) { try tlsf.addMemory(start: start - 50, size: 100) }
        #expect(throws: AllocError.invalidParam) { try tlsf.addMemory(start: start + (1 << 16), size: 8) }  // too small
        #expect(throws: AllocError.invalidParam) { try tlsf.initialize(start: start + (1 << 17), size: 1 << 16) }  // twice
        let total = tlsf.totalBytes
        // Fill the region table with small pools.
        let poolBytes = 256
        for index in 1 ..< TLSFByteAllocator.maximumPoolCount {
            try tlsf.addMemory(start: start + (1 << 16) + UInt(index * poolBytes), size: poolBytes)
        }
        let regionCount = tlsf.statistics.regionCount
        #expect(regionCount == TLSFByteAllocator.maximumPoolCount)
        let full = tlsf.totalBytes
        #expect(throws: AllocError.noMemory) { try tlsf.addMemory(start: start + (1 << 19), size: 4096) }
        let after = tlsf.totalBytes
        #expect(after == full && full > total)
        let inside = tlsf.manages(start + (1 << 16) + 256 + 10), beyond = tlsf.manages(start + (1 << 19))
        #expect(inside && !beyond)
        try tlsf.checkIntegrity()
    }

    /// `MallocHeap`'s reallocate reaches TLSF's in-place paths: a block
    /// followed by a free block grows at the same address, and shrinks there.
    @Test func mallocReallocateGrowsAndShrinksInPlace() throws {
        let arena = PoolArena(.single(size: 1 << 16))
        var heap = MallocHeap(TLSFByteAllocator())
        try heap.base.initialize(start: arena.regions[0].start, size: 1 << 16)
        let aOrNil = heap.allocate(byteCount: 100, alignment: 16)
        let a = try #require(aOrNil)
        let bOrNil = heap.allocate(byteCount: 100, alignment: 16)
        let b = try #require(bOrNil)
        let guardBlockOrNil = heap.allocate(byteCount: 16, alignment: 16)
        let guardBlock = try #require(guardBlockOrNil)
        heap.free(b)  // a is followed by a free block now
        let grownOrNil = heap.reallocate(a, byteCount: 200)
        let grown = try #require(grownOrNil)
        #expect(grown == a)
        let shrunkOrNil = heap.reallocate(grown, byteCount: 20)
        let shrunk = try #require(shrunkOrNil)
        #expect(shrunk == a)
        // No free neighbour large enough: it moves, keeping the contents.
        shrunk.storeBytes(of: 0xAB, as: UInt8.self)
        let movedOrNil = heap.reallocate(shrunk, byteCount: 4000)
        let moved = try #require(movedOrNil)
        #expect(moved.load(as: UInt8.self) == 0xAB)
        heap.free(moved)
        heap.free(guardBlock)
        #expect(heap.usedBytes == 0)
    }
}
