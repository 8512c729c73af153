import Allocators
import Testing
import TestSupport

/// `checkIntegrity()` has teeth: each planted corruption of the heap is
/// reported, and the statistics and block walk describe the heap.
@Suite struct TLSFIntegrityTests {
    /// A pool with used and free blocks interleaved: used, free, used, used...
    static func fragmentedHeap(_ region: TestRegion) throws -> TLSFByteAllocator {
        var tlsf = TLSFByteAllocator()
        try tlsf.initialize(start: region.start, size: region.size)
        var pointers: [UnsafeMutableRawPointer] = []
        for _ in 0 ..< 8 { pointers.append(try tlsf.allocate(byteCount: 100, alignment: 8)) }
        for (index, pointer) in pointers.enumerated() where index % 4 == 1 {
            tlsf.deallocate(pointer, byteCount: 100, alignment: 8)
        }
        try tlsf.checkIntegrity()
        return tlsf
    }

    static func blocks(_ tlsf: borrowing TLSFByteAllocator) -> [TLSFBlockInfo] {
        var blocks: [TLSFBlockInfo] = []
        tlsf.walkBlocks { blocks.append($0) }
        return blocks
    }

    static func word(_ address: UInt, _ index: Int) -> UnsafeMutablePointer<UInt> {
        UnsafeMutablePointer<UInt>(bitPattern: address)! + index
    }

    static func integrityError(_ tlsf: borrowing TLSFByteAllocator) -> IntegrityViolation? {
        do { try tlsf.checkIntegrity(); return nil } catch { return error }
    }

    /// The lookup past the largest pool searches every slot of the table
    /// without its count, so a slot past the pools that holds a region would
    /// be found: the check names it. (The table is the control structure's
    /// tail, `maximumPoolCount` slots of four words.)
    @Test func aRegionInAPaddingSlotIsReported() throws {
        let region = TestRegion(size: 1 << 16)
        let tlsf = try Self.fragmentedHeap(region)
        let slotBytes = 4 * MemoryLayout<UInt>.stride
        let control = try #require(TLSFByteAllocator.initialRegionLayout(start: region.start, size: region.size)).control
        let table = control + UInt(TLSFByteAllocator.controlBytes - TLSFByteAllocator.maximumPoolCount * slotBytes)
        let secondSlot = table + UInt(slotBytes)
        Self.word(secondSlot, 0).pointee = region.start
        #expect(Self.integrityError(tlsf) == IntegrityViolation("TLSF", "a slot past the pools holds a region", at: secondSlot))
    }

    @Test func aBrokenBoundaryTagIsReported() throws {
        let region = TestRegion(size: 1 << 16)
        let tlsf = try Self.fragmentedHeap(region)
        let victim = Self.blocks(tlsf)[3]
        Self.word(victim.address, 0).pointee &+= 16
        #expect(Self.integrityError(tlsf) == IntegrityViolation("TLSF", "a boundary tag does not name the block before", at: victim.address))
    }

    @Test func aWrongPreviousFreeFlagIsReported() throws {
        let region = TestRegion(size: 1 << 16)
        let tlsf = try Self.fragmentedHeap(region)
        let blocks = Self.blocks(tlsf)
        let afterFree = try #require(blocks.indices.dropFirst().first { blocks[$0 - 1].isFree })
        Self.word(blocks[afterFree].address, 1).pointee &= ~2
        #expect(Self.integrityError(tlsf) == IntegrityViolation("TLSF", "a previous-free flag disagrees with the block before", at: blocks[afterFree].address))
    }

    @Test func aMissedMergeIsReported() throws {
        let region = TestRegion(size: 1 << 16)
        let tlsf = try Self.fragmentedHeap(region)
        let blocks = Self.blocks(tlsf)
        // Mark a used block after a free one as free (and its successor's flag
        // to match): two adjacent free blocks.
        let index = try #require(blocks.indices.dropFirst().first { blocks[$0 - 1].isFree && !blocks[$0].isFree })
        Self.word(blocks[index].address, 1).pointee |= 1
        Self.word(blocks[index + 1].address, 1).pointee |= 2
        #expect(Self.integrityError(tlsf) == IntegrityViolation("TLSF", "two adjacent free blocks were not merged", at: blocks[index].address))
    }

    @Test func anUnlistedFreeBlockIsReported() throws {
        let region = TestRegion(size: 1 << 16)
        let tlsf = try Self.fragmentedHeap(region)
        let blocks = Self.blocks(tlsf)
        // Mark the first used block that follows a used block as free.
        let index = try #require(blocks.indices.first { !blocks[$0].isFree && ($0 == 0 || !blocks[$0 - 1].isFree) && !blocks[$0 + 1].isFree })
        Self.word(blocks[index].address, 1).pointee |= 1
        Self.word(blocks[index + 1].address, 1).pointee |= 2
        #expect(Self.integrityError(tlsf) == IntegrityViolation("TLSF", "a free block is not in its list", at: blocks[index].address))
    }

    @Test func aBadBlockSizeIsReported() throws {
        let region = TestRegion(size: 1 << 16)
        let tlsf = try Self.fragmentedHeap(region)
        let victim = Self.blocks(tlsf)[2]
        Self.word(victim.address, 1).pointee &+= 8
        #expect(Self.integrityError(tlsf) == IntegrityViolation("TLSF", "a block has a bad size", at: victim.address))
    }

    @Test func aStrayBitmapBitIsReported() throws {
        let region = TestRegion(size: 1 << 16)
        let tlsf = try Self.fragmentedHeap(region)
        // The control structure starts the region; its first word is the
        // first-level bitmap. Level 40 is empty in a 64 KiB pool.
        Self.word(region.start, 0).pointee |= 1 << 40
        #expect(Self.integrityError(tlsf) == IntegrityViolation("TLSF", "a first-level bit disagrees with its second-level word", at: 40))
    }

    @Test func statisticsDescribeTheHeap() throws {
        let region = TestRegion(size: 1 << 16)
        var tlsf = try Self.fragmentedHeap(region)
        let blocks = Self.blocks(tlsf)
        let statistics = tlsf.statistics
        #expect(tlsf.freeBlockCount == blocks.filter(\.isFree).count)
        #expect(statistics.regionCount == 1)
        #expect(statistics.largestFreeBlock == blocks.filter(\.isFree).map(\.size).max())
        #expect(statistics.usedBytes == blocks.filter { !$0.isFree }.map(\.size).reduce(0, +))
        #expect(statistics.totalBytes == blocks.map(\.size).reduce(0, +))
        // The largest allocatable request succeeds, one byte more fails.
        let largestOrNil = tlsf.largestAllocatableByteCount
        let largest = try #require(largestOrNil)
        #expect(throws: AllocError.noMemory) { try tlsf.allocate(byteCount: largest + 1, alignment: 1) }
        let p = try tlsf.allocate(byteCount: largest, alignment: 1)
        tlsf.deallocate(p, byteCount: largest, alignment: 1)
    }

    /// rlsf #15, C TLSF #15: there, a pool cannot be allocated whole, because
    /// the search rounds a request up to the next class. Here the second look
    /// takes the pool's single free block: the largest request on an empty
    /// pool is the pool less one header, it succeeds, and one byte more fails.
    @Test(arguments: [72, 100, 1000, 4096, 5000, 40_000])
    func largestRequestOnAnEmptyPool(poolBytes: Int) throws {
        let size = TLSFByteAllocator.controlBytes + poolBytes
        let region = TestRegion(size: size)
        var tlsf = TLSFByteAllocator()
        try tlsf.initialize(start: region.start, size: size)
        let largestOrNil = tlsf.largestAllocatableByteCount
        let largest = try #require(largestOrNil)
        #expect(largest == tlsf.totalBytes - TLSFByteAllocator.granularity)
        #expect(throws: AllocError.noMemory) { try tlsf.allocate(byteCount: largest + 1, alignment: 1) }
        let p = try tlsf.allocate(byteCount: largest, alignment: 1)
        #expect(tlsf.availableBytes == 0)
        #expect(throws: AllocError.noMemory) { try tlsf.allocate(byteCount: 0, alignment: 1) }
        tlsf.deallocate(p, byteCount: largest, alignment: 1)
        try tlsf.checkIntegrity()
    }
}
