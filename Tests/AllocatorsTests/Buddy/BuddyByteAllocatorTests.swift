@testable import Allocators
import Testing
import TestSupport

/// Unit tests of the buddy allocator, one per guarantee or known bug class
/// of peer buddy allocators (see KNOWN-BUGS.md), over every bookkeeping storage.
@Suite struct BuddyByteAllocatorTests {
    /// An allocator over one fresh region of `size` bytes at `offset` from an
    /// aligned base, its bookkeeping in `kind`; the memory outlives it.
    static func withBuddy(
        size: Int, offset: Int = 0, _ kind: BuddyStorageKind = .carved,
        _ body: (inout BuddyByteAllocator, UInt) throws -> Void
    ) rethrows {
        let region = BuddyTestMemory(size: size + offset)
        let bookkeeping = BuddyTestMemory(size: 1 << 16)
        var buddy = BuddyByteAllocator(bookkeeping: kind.storage(bookkeeping))
        let start = region.address(offset)
        try! buddy.initialize(start: start, size: size)
        try body(&buddy, start)
        #expect(integrityMessage(buddy) == nil)
        _ = consume buddy
        _ = region
        _ = bookkeeping
    }

    @Test(arguments: BuddyStorageKind.allCases)
    func theWholeSpanCanBeAllocated(kind: BuddyStorageKind) throws {
        // rcore-os buddy #20: a spurious failure when allocating the whole heap.
        // With bookkeeping outside, the whole region is one block.
        try Self.withBuddy(size: 1 << 16, kind) { buddy, start in
            let usable = try #require(BuddyByteAllocator.usableRange(start: start, size: 1 << 16, bookkeeping: kind.storage(BuddyTestMemory(size: 0))))
            let largest = buddy.statistics.largestFreeBlock
            if kind != .carved { #expect(largest == 1 << 16 && usable == (start, start + (1 << 16))) }
            let whole = try buddy.allocate(byteCount: largest, alignment: 1)
            #expect(Kernels.isAligned(UInt(bitPattern: whole), to: UInt(largest)))
            try buddy.tryDeallocate(whole, byteCount: largest, alignment: 1)
            let again = try buddy.allocate(byteCount: largest, alignment: 1)
            buddy.deallocate(again, byteCount: largest, alignment: 1)
        }
    }

    @Test(arguments: BuddyStorageKind.allCases)
    func aRegionAtAnyAlignmentSplitsIntoMaximalAlignedBlocks(kind: BuddyStorageKind) throws {
        try Self.withBuddy(size: 3001, offset: 3, kind) { buddy, start in
            let storage = kind.storage(BuddyTestMemory(size: 0))
            let usable = try #require(BuddyByteAllocator.usableRange(start: start, size: 3001, bookkeeping: storage))
            #expect(buddy.totalBytes == Int(usable.upper - usable.lower))
            // Every byte of the span can be handed out, and none outside it.
            var pointers: [UnsafeMutableRawPointer] = []
            while let pointer = try? buddy.allocate(byteCount: 16, alignment: 1) { pointers.append(pointer) }
            #expect(pointers.count * 16 == buddy.totalBytes)
            #expect(pointers.allSatisfy { usable.lower <= UInt(bitPattern: $0) && UInt(bitPattern: $0) + 16 <= usable.upper })
            for pointer in pointers.shuffled() { buddy.deallocate(pointer, byteCount: 16, alignment: 1) }
            #expect(buddy.usedBytes == 0)
        }
    }

    @Test(arguments: BuddyStorageKind.allCases)
    func freeingEverythingMergesBackToTheLargestBlock(kind: BuddyStorageKind) throws {
        var random = SeededRandom.forTest("buddy merge back \(kind)")
        try Self.withBuddy(size: 1 << 15, kind) { buddy, _ in
            let largest = buddy.statistics.largestFreeBlock
            var live: [(UnsafeMutableRawPointer, Int)] = []
            while true {
                let size = Int.random(in: 0 ... 300, using: &random)
                guard let pointer = try? buddy.allocate(byteCount: size, alignment: 1) else { break }
                live.append((pointer, size))
            }
            live.shuffle(using: &random)
            for (pointer, size) in live {
                try buddy.tryDeallocate(pointer, byteCount: size, alignment: 1)
                #expect(integrityMessage(buddy) == nil)
            }
            #expect(buddy.statistics.largestFreeBlock == largest)
        }
    }

    @Test func alignmentUpToTheLargestBlock() throws {
        try Self.withBuddy(size: 1 << 16, .platform) { buddy, _ in
            for log2 in 0 ... 15 {
                let pointer = try buddy.allocate(byteCount: 1, alignment: 1 << log2)
                #expect(Int(bitPattern: UInt(bitPattern: pointer)) % (1 << log2) == 0)
                buddy.deallocate(pointer, byteCount: 1, alignment: 1 << log2)
            }
            #expect(throws: AllocError.noMemory) { try buddy.allocate(byteCount: 1, alignment: 1 << 17) }
        }
    }

    @Test(arguments: BuddyStorageKind.allCases)
    func malformedRequestsAndRegionsAreRefused(kind: BuddyStorageKind) throws {
        try Self.withBuddy(size: 4096, kind) { buddy, start in
            let before = buddy.statistics
            #expect(throws: AllocError.invalidParam) { try buddy.allocate(byteCount: -1, alignment: 8) }
            #expect(throws: AllocError.invalidParam) { try buddy.allocate(byteCount: 8, alignment: 0) }
            #expect(throws: AllocError.invalidParam) { try buddy.allocate(byteCount: 8, alignment: 24) }
            // C TLSF #22 for buddies: near Int.max the order is 63, which no region holds.
            #expect(throws: AllocError.noMemory) { try buddy.allocate(byteCount: Int.max, alignment: 1) }
            #expect(throws: AllocError.memoryOverlap) { try buddy.addMemory(start: start + 100, size: 10) }
            #expect(throws: AllocError.invalidParam) { try buddy.addMemory(start: UInt.max - 10, size: 100) }
            #expect(throws: AllocError.invalidParam) { try buddy.addMemory(start: 1, size: 0) }
            // Too small for a minimum block (after carved bookkeeping): the region rule's last check.
            let small = BuddyTestMemory(size: 64)
            #expect(throws: AllocError.invalidParam) { try buddy.addMemory(start: small.address(1), size: 16) }
            #expect(buddy.statistics == before)
        }
    }

    @Test(arguments: BuddyStorageKind.allCases)
    func badFreesAreRefusedAndChangeNothing(kind: BuddyStorageKind) throws {
        try Self.withBuddy(size: 4096, kind) { buddy, start in
            let block = try buddy.allocate(byteCount: 100, alignment: 8)
            let used = buddy.usedBytes
            #expect(throws: AllocError.notAllocated) { try buddy.tryDeallocate(block + 16, byteCount: 100, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try buddy.tryDeallocate(block, byteCount: 1000, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try buddy.tryDeallocate(block, byteCount: 100, alignment: 3) }
            let foreign = UnsafeMutableRawPointer(bitPattern: start + 8192)!
            #expect(throws: AllocError.notAllocated) { try buddy.tryDeallocate(foreign, byteCount: 16, alignment: 16) }
            // The region's start: carved bookkeeping, or a free block's start.
            let regionStart = UnsafeMutableRawPointer(bitPattern: start)!
            if UInt(bitPattern: block) != start {
                #expect(throws: AllocError.notAllocated) { try buddy.tryDeallocate(regionStart, byteCount: 16, alignment: 16) }
            }
            #expect(buddy.usedBytes == used)
            try buddy.tryDeallocate(block, byteCount: 100, alignment: 8)
            #expect(throws: AllocError.notAllocated) { try buddy.tryDeallocate(block, byteCount: 100, alignment: 8) }
            #expect(buddy.usedBytes == 0)
        }
    }

    /// The contract of `tryDeallocate`: of every size and alignment, exactly
    /// those of the block's own order free it; every other one is refused
    /// and changes nothing.
    @Test func tryDeallocateDetectsExactlyTheOtherOrders() throws {
        try Self.withBuddy(size: 1 << 14, .platform) { buddy, _ in
            for (byteCount, alignment) in [(100, 8), (16, 1), (0, 1), (64, 64), (1, 512)] {
                let order = try #require(BuddyByteAllocator.order(byteCount: byteCount, alignment: alignment))
                let block = try buddy.allocate(byteCount: byteCount, alignment: alignment)
                let before = buddy.statistics
                var sameOrder: [(Int, Int)] = []
                for size in -1 ... Int(2 << order) + 1 {
                    for alignmentLog2 in -1 ... Int(order) + 2 {
                        let candidate = alignmentLog2 < 0 ? 3 : 1 << alignmentLog2
                        if BuddyByteAllocator.order(byteCount: size, alignment: candidate) == order {
                            sameOrder.append((size, candidate))
                        } else {
                            #expect(throws: AllocError.notAllocated) { try buddy.tryDeallocate(block, byteCount: size, alignment: candidate) }
                        }
                    }
                }
                #expect(buddy.statistics == before && integrityMessage(buddy) == nil)
                // Each size and alignment of the order frees such a block.
                try buddy.tryDeallocate(block, byteCount: byteCount, alignment: alignment)
                for (size, candidate) in sameOrder {
                    let again = try buddy.allocate(byteCount: byteCount, alignment: alignment)
                    try buddy.tryDeallocate(again, byteCount: size, alignment: candidate)
                }
                #expect(buddy.usedBytes == 0)
            }
        }
    }

    @Test(arguments: BuddyStorageKind.allCases)
    func manyRegionsAreFoundByAddress(kind: BuddyStorageKind) throws {
        let memory = BuddyTestMemory(size: 9 * 5000 + 64)
        let bookkeeping = BuddyTestMemory(size: 1 << 16)
        var buddy = BuddyByteAllocator(bookkeeping: kind.storage(bookkeeping))
        let regions = (0 ..< 9).map { (start: memory.address($0 * 5000 + $0), size: 4000 + $0 * 7) }
        for (index, region) in regions.shuffled().enumerated() {
            if index == 0 { try buddy.initialize(start: region.start, size: region.size) }
            else { try buddy.addMemory(start: region.start, size: region.size) }
        }
        #expect(buddy.statistics.regionCount == 9)
        let managed = regions.allSatisfy { buddy.manages($0.start) && buddy.manages($0.start + UInt($0.size) - 1) }
        let outside = buddy.manages(regions[0].start + 4500) || buddy.manages(regions[8].start + 8000)
        #expect(managed && !outside)
        var live: [UnsafeMutableRawPointer] = []
        while let pointer = try? buddy.allocate(byteCount: 48, alignment: 16) { live.append(pointer) }
        #expect(buddy.availableBytes < 64 * 9 * 4)
        // Between regions: refused without a read (the gaps are not regions).
        #expect(throws: AllocError.notAllocated) {
            try buddy.tryDeallocate(UnsafeMutableRawPointer(bitPattern: regions[2].start + 4600)!, byteCount: 48, alignment: 16)
        }
        for pointer in live.reversed() { try buddy.tryDeallocate(pointer, byteCount: 48, alignment: 16) }
        #expect(integrityMessage(buddy) == nil && buddy.usedBytes == 0)
        _ = consume buddy
    }

    @Test func statisticsDescribeTheAllocator() throws {
        try Self.withBuddy(size: 1 << 14, .buffer) { buddy, start in
            let usable = try #require(BuddyByteAllocator.usableRange(start: start, size: 1 << 14, bookkeeping: .platform))
            #expect(buddy.statistics == ByteStatistics(totalBytes: 1 << 14, usedBytes: 0, regionCount: 1, largestFreeBlock: 1 << 14))
            #expect(usable == (start, start + (1 << 14)))
            let block = try buddy.allocate(byteCount: 3000, alignment: 1)
            #expect(buddy.statistics == ByteStatistics(totalBytes: 1 << 14, usedBytes: 4096, regionCount: 1, largestFreeBlock: 1 << 13))
            #expect(buddy.bookkeepingByteCount == BuddyByteAllocator.bookkeepingBytes(start: start, size: 1 << 14))
            buddy.deallocate(block, byteCount: 3000, alignment: 1)
        }
    }

    @Test func anAllocatorWithoutRegionsReadsNothing() {
        var buddy = BuddyByteAllocator()
        #expect(throws: AllocError.noMemory) { try buddy.allocate(byteCount: 16, alignment: 1) }
        #expect(throws: AllocError.notAllocated) {
            try buddy.tryDeallocate(UnsafeMutableRawPointer(bitPattern: 0x1000)!, byteCount: 16, alignment: 1)
        }
        let manages = buddy.manages(0x1000)
        #expect(!manages)
        #expect(buddy.statistics == ByteStatistics(totalBytes: 0, usedBytes: 0, regionCount: 0, largestFreeBlock: 0))
        #expect(integrityMessage(buddy) == nil)
    }

    @Test func deallocatingAForeignPointerTraps() async {
        await #expect(processExitsWith: .failure) {
            let memory = BuddyTestMemory(size: 4096)
            var buddy = BuddyByteAllocator()
            try! buddy.initialize(start: memory.address(0), size: 4096)
            buddy.deallocate(memory.base + 8, byteCount: 16, alignment: 1)
        }
    }
}
