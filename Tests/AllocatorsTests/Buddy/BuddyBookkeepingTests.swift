@testable import Allocators
import Testing
import TestSupport

/// Where a buddy allocator's bookkeeping goes and what it costs: the
/// documented bound per region, carved placement, exact caller buffers, and
/// no platform allocation with carved or caller-provided storage.
@Suite struct BuddyBookkeepingTests {
    static var word: Int { MemoryLayout<UInt>.size }

    /// The documented cost of a region's block states: at most
    /// `size / (2 × minimumBlockSize)` bytes plus four words per order.
    @Test func stateBytesStayWithinTheDocumentedBound() {
        var random = SeededRandom.forTest("buddy state bytes bound")
        let minimum = UInt(BuddyByteAllocator.minimumBlockSize)
        for _ in 0 ..< 2000 {
            let base = UInt.random(in: 0 ... (1 << 40), using: &random) & ~(minimum - 1)
            let size = UInt(1) << UInt.random(in: 4 ... 34, using: &random)
            let span = (UInt.random(in: minimum ... Swift.max(minimum, size), using: &random)) & ~(minimum - 1)
            let bytes = BuddyByteAllocator.stateBytes(base: base, limit: base + span)
            let orders = Int(Kernels.floorLog2(span) - BuddyByteAllocator.minOrder + 1)
            #expect(bytes <= Int(span) / (2 * Int(minimum)) + 4 * Self.word * orders, "base \(base) span \(span)")
        }
    }

    @Test func carvedBookkeepingSitsAtTheRegionsStart() throws {
        let memory = BuddyTestMemory(size: 1 << 16)
        var buddy = BuddyByteAllocator()
        let start = memory.address(5)
        try buddy.initialize(start: start, size: (1 << 16) - 5)
        let usable = try #require(BuddyByteAllocator.usableRange(start: start, size: (1 << 16) - 5))
        let bookkeeping = try #require(BuddyByteAllocator.bookkeepingBytes(start: start, size: (1 << 16) - 5))
        // The placement: word-aligned at the start, the blocks after it.
        let placed = Kernels.alignUp(start, to: UInt(Self.word)).value
        #expect(buddy.sentinels == placed)
        #expect(usable.lower == Kernels.alignUp(placed + UInt(bookkeeping), to: UInt(BuddyByteAllocator.minimumBlockSize)).value)
        #expect(buddy.regions[0].base == usable.lower && buddy.totalBytes == Int(usable.upper - usable.lower))
        #expect(buddy.bookkeepingByteCount == bookkeeping)
        #expect(buddy.manages(start) && buddy.manages(usable.lower))
        // Nothing came from the platform allocator.
        #expect(buddy.arena.lastChunk == 0)
        _ = consume buddy
    }

    @Test func laterCarvedRegionsTakeTheGrownTable() throws {
        let memory = BuddyTestMemory(size: 6 * 8192)
        var buddy = BuddyByteAllocator()
        for index in 0 ..< 6 {
            let start = memory.address(index * 8192), size = 8000
            let before = buddy.bookkeepingByteCount
            let expected = try #require(BuddyByteAllocator.usableRange(start: start, size: size, bookkeeping: .carved, regionsBefore: index))
            if index == 0 { try buddy.initialize(start: start, size: size) } else { try buddy.addMemory(start: start, size: size) }
            let region = try #require(BuddyByteAllocator.region(holding: expected.lower, in: buddy.regions))
            #expect((region.base, region.limit) == expected)
            #expect(buddy.bookkeepingByteCount - before == BuddyByteAllocator.bookkeepingBytes(start: start, size: size, regionsBefore: index))
        }
        // Tables of 1, 2, 4 and 8 slots, taken with regions 0, 1, 2 and 4.
        #expect(buddy.regions.capacity == 8)
        #expect(integrityMessage(buddy) == nil && buddy.arena.lastChunk == 0)
        _ = consume buddy
    }

    /// A `.buffer` of exactly the bookkeeping bytes suffices, one byte less is
    /// `.noMemory` and changes nothing (the buffer's bytes included); the
    /// regions and the buffer are parts of one caller buffer, outside which
    /// nothing is written, and the platform allocator is never called.
    @Test func anExactBufferSufficesAndOneByteLessChangesNothing() throws {
        let memory = BuddyTestMemory(size: 1 << 16)
        let regionA = (offset: 8192, size: 20_000), regionB = (offset: 32_768, size: 30_000)
        let first = try #require(BuddyByteAllocator.bookkeepingBytes(start: memory.address(regionA.offset), size: regionA.size))
        let second = try #require(BuddyByteAllocator.bookkeepingBytes(start: memory.address(regionB.offset), size: regionB.size, regionsBefore: 1))
        #expect(first == BuddyByteAllocator.freeListBytes + BuddyByteAllocator.regionSlotBytes
            + BuddyByteAllocator.stateBytes(base: memory.address(regionA.offset), limit: memory.address(regionA.offset + regionA.size) & ~15))

        // One byte less for the first region.
        do {
            var buddy = BuddyByteAllocator(bookkeeping: .buffer(memory.buffer(0, first - 1)))
            let snapshot = memory.bytes(0, memory.size)
            #expect(throws: AllocError.noMemory) { try buddy.initialize(start: memory.address(regionA.offset), size: regionA.size) }
            #expect(memory.bytes(0, memory.size) == snapshot)
            #expect(buddy.statistics == ByteStatistics(totalBytes: 0, usedBytes: 0, regionCount: 0, largestFreeBlock: 0))
            #expect(buddy.sentinels == 0 && buddy.bookkeepingByteCount == 0)
            #expect(throws: AllocError.noMemory) { try buddy.allocate(byteCount: 16, alignment: 1) }
            _ = consume buddy
        }
        // Exactly enough for the first region, then one byte short for the second.
        do {
            var buddy = BuddyByteAllocator(bookkeeping: .buffer(memory.buffer(0, first + second - 1)))
            try buddy.initialize(start: memory.address(regionA.offset), size: regionA.size)
            let before = buddy.statistics
            let snapshot = memory.bytes(0, memory.size)
            #expect(throws: AllocError.noMemory) { try buddy.addMemory(start: memory.address(regionB.offset), size: regionB.size) }
            #expect(memory.bytes(0, memory.size) == snapshot && buddy.statistics == before)
            _ = consume buddy
        }
        // Exactly enough for both: everything works, nothing outside the
        // buffer, the regions and the blocks' own bytes is written.
        let snapshot = memory.bytes(0, memory.size)
        do {
            var buddy = BuddyByteAllocator(bookkeeping: .buffer(memory.buffer(0, first + second)))
            try buddy.initialize(start: memory.address(regionA.offset), size: regionA.size)
            try buddy.addMemory(start: memory.address(regionB.offset), size: regionB.size)
            #expect(buddy.bookkeepingByteCount == first + second)
            var live: [UnsafeMutableRawPointer] = []
            while let block = try? buddy.allocate(byteCount: 100, alignment: 8) { live.append(block) }
            for block in live { buddy.deallocate(block, byteCount: 100, alignment: 8) }
            #expect(integrityMessage(buddy) == nil && buddy.arena.lastChunk == 0)
            _ = consume buddy
        }
        let after = memory.bytes(0, memory.size)
        let written = (0 ..< memory.size).filter { snapshot[$0] != after[$0] }
        let allowed = { (offset: Int) in
            offset < first + second || (regionA.offset ..< regionA.offset + regionA.size).contains(offset)
                || (regionB.offset ..< regionB.offset + regionB.size).contains(offset)
        }
        #expect(written.allSatisfy(allowed))
        #expect(written.contains { $0 < first + second })
    }

    @Test func platformBookkeepingIsTakenAndGivenBack() throws {
        let memory = BuddyTestMemory(size: 1 << 14)
        var buddy = BuddyByteAllocator(bookkeeping: .platform)
        try buddy.initialize(start: memory.address(0), size: 1 << 14)
        #expect(buddy.arena.lastChunk != 0)
        // The region is untouched by bookkeeping: the whole of it is blocks.
        #expect(buddy.totalBytes == 1 << 14 && !buddy.manages(buddy.sentinels))
        _ = consume buddy
    }
}
