@testable import Allocators
import Testing
import TestSupport

/// Unit tests of the buddy allocator, one per guarantee or known bug class
/// of peer buddy allocators (see KNOWN-BUGS.md).
@Suite struct BuddyByteAllocatorTests {
    /// An allocator over one fresh arena region; the arena outlives it.
    static func withBuddy(size: Int, offset: Int = 0, _ body: (inout BuddyByteAllocator, UInt) throws -> Void) rethrows {
        let arena = PoolArena(.single(size: size, offset: offset))
        var buddy = BuddyByteAllocator()
        let start = arena.regions[0].start
        try! buddy.initialize(start: start, size: size)
        try body(&buddy, start)
        #expect(integrityMessage(buddy) == nil)
        _ = consume buddy
        _ = consume arena
    }

    @Test func theWholeHeapCanBeAllocated() throws {
        // rcore-os buddy #20: a spurious failure when allocating the whole heap.
        try Self.withBuddy(size: 1 << 16) { buddy, start in
            let whole = try buddy.allocate(byteCount: 1 << 16, alignment: 1)
            #expect(UInt(bitPattern: whole) == start)
            #expect(throws: AllocError.noMemory) { try buddy.allocate(byteCount: 0, alignment: 1) }
            try buddy.tryDeallocate(whole, byteCount: 1 << 16, alignment: 1)
            let again = try buddy.allocate(byteCount: 1 << 16, alignment: 1)
            buddy.deallocate(again, byteCount: 1 << 16, alignment: 1)
        }
    }

    @Test func aRegionAtAnyAlignmentSplitsIntoMaximalAlignedBlocks() throws {
        try Self.withBuddy(size: 1001, offset: 3) { buddy, start in
            let usable = try #require(BuddyByteAllocator.usableRange(start: start, size: 1001))
            #expect(buddy.totalBytes == Int(usable.upper - usable.lower))
            #expect(integrityMessage(buddy) == nil)
            // Blocks never exceed the region, and every byte of it can be handed out.
            var pointers: [UnsafeMutableRawPointer] = []
            while let pointer = try? buddy.allocate(byteCount: 16, alignment: 1) { pointers.append(pointer) }
            #expect(pointers.count * 16 == buddy.totalBytes)
            for pointer in pointers.shuffled() { buddy.deallocate(pointer, byteCount: 16, alignment: 1) }
            #expect(buddy.usedBytes == 0)
        }
    }

    @Test func freeingEverythingMergesBackToTheLargestBlock() throws {
        var random = SeededRandom.forTest("buddy merge back")
        try Self.withBuddy(size: 1 << 15) { buddy, _ in
            let largest = buddy.statistics.largestFreeBlock
            #expect(largest == 1 << 15)
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
        try Self.withBuddy(size: 1 << 16) { buddy, _ in
            for log2 in 0 ... 15 {
                let pointer = try buddy.allocate(byteCount: 1, alignment: 1 << log2)
                #expect(Int(bitPattern: UInt(bitPattern: pointer)) % (1 << log2) == 0)
                buddy.deallocate(pointer, byteCount: 1, alignment: 1 << log2)
            }
            #expect(throws: AllocError.noMemory) { try buddy.allocate(byteCount: 1, alignment: 1 << 17) }
        }
    }

    @Test func malformedRequestsAndRegionsAreRefused() throws {
        try Self.withBuddy(size: 4096) { buddy, start in
            #expect(throws: AllocError.invalidParam) { try buddy.allocate(byteCount: -1, alignment: 8) }
            #expect(throws: AllocError.invalidParam) { try buddy.allocate(byteCount: 8, alignment: 0) }
            #expect(throws: AllocError.invalidParam) { try buddy.allocate(byteCount: 8, alignment: 24) }
            // C TLSF #22 for buddies: near Int.max the order is 63, which no region holds.
            #expect(throws: AllocError.noMemory) { try buddy.allocate(byteCount: Int.max, alignment: 1) }
            #expect(throws: AllocError.memoryOverlap) { try buddy.addMemory(start: start + 100, size: 10) }
            #expect(throws: AllocError.invalidParam) { try buddy.addMemory(start: UInt.max - 10, size: 100) }
            #expect(throws: AllocError.invalidParam) { try buddy.addMemory(start: 1, size: 0) }
            #expect(buddy.totalBytes == 4096 && buddy.usedBytes == 0)
        }
    }

    @Test func badFreesAreRefusedAndChangeNothing() throws {
        try Self.withBuddy(size: 4096) { buddy, start in
            let block = try buddy.allocate(byteCount: 100, alignment: 8)
            let used = buddy.usedBytes
            #expect(throws: AllocError.notAllocated) { try buddy.tryDeallocate(block + 16, byteCount: 100, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try buddy.tryDeallocate(block, byteCount: 1000, alignment: 8) }
            #expect(throws: AllocError.notAllocated) { try buddy.tryDeallocate(block, byteCount: 100, alignment: 3) }
            let foreign = UnsafeMutableRawPointer(bitPattern: start + 8192)!
            #expect(throws: AllocError.notAllocated) { try buddy.tryDeallocate(foreign, byteCount: 16, alignment: 16) }
            #expect(buddy.usedBytes == used)
            try buddy.tryDeallocate(block, byteCount: 100, alignment: 8)
            #expect(throws: AllocError.notAllocated) { try buddy.tryDeallocate(block, byteCount: 100, alignment: 8) }
            #expect(buddy.usedBytes == 0)
        }
    }

    @Test func manyRegionsAreFoundByAddress() throws {
        let arena = PoolArena(RegionLayout(regions: (0 ..< 9).map { (offset: $0 * 5000 + $0, size: 4000 + $0 * 7) }))
        var buddy = BuddyByteAllocator()
        for (index, region) in arena.regions.shuffled().enumerated() {
            if index == 0 { try buddy.initialize(start: region.start, size: region.size) }
            else { try buddy.addMemory(start: region.start, size: region.size) }
        }
        #expect(buddy.statistics.regions == 9)
        var live: [UnsafeMutableRawPointer] = []
        while let pointer = try? buddy.allocate(byteCount: 48, alignment: 16) { live.append(pointer) }
        #expect(buddy.availableBytes < 64 * 9 * 4)
        for pointer in live.reversed() { try buddy.tryDeallocate(pointer, byteCount: 48, alignment: 16) }
        #expect(integrityMessage(buddy) == nil && buddy.usedBytes == 0)
        _ = consume buddy
        _ = consume arena
    }

    /// The integrity check has teeth: each corruption is reported.
    @Test func integrityCatchesCorruption() throws {
        try Self.withBuddy(size: 1 << 12) { buddy, start in
            let block = try buddy.allocate(byteCount: 16, alignment: 1)
            let address = UInt(bitPattern: block)
            let region = buddy.regions[0]

            region.set(address, order: BuddyByteAllocator.minOrder, used: false)  // live and free at once
            #expect(integrityProblem(buddy) == "a block position of a region has two blocks")
            region.clear(address, order: BuddyByteAllocator.minOrder, used: false)

            region.set(address + 48, order: BuddyByteAllocator.minOrder, used: true)  // a bit inside a free block
            #expect(integrityProblem(buddy) == "a bitmap has a stray bit")
            region.clear(address + 48, order: BuddyByteAllocator.minOrder, used: true)

            buddy.liveBytes += 1
            #expect(integrityProblem(buddy) == "usedBytes is not the sum of the live blocks")
            buddy.liveBytes -= 1

            let buddyBlock = Kernels.buddyAddress(address, order: BuddyByteAllocator.minOrder)
            buddy.unlink(buddyBlock, order: BuddyByteAllocator.minOrder)  // off its list, still marked free
            #expect(integrityProblem(buddy) == "a free list misses free blocks")
            buddy.push(buddyBlock, order: BuddyByteAllocator.minOrder)

            // Two free buddies left unmerged (a free that skipped the merge).
            region.clear(address, order: BuddyByteAllocator.minOrder, used: true)
            buddy.liveBytes -= 16
            buddy.push(address, order: BuddyByteAllocator.minOrder)
            region.set(address, order: BuddyByteAllocator.minOrder, used: false)
            #expect(integrityProblem(buddy) == "two free buddies were not merged")
            // Repair: take both out and free the pair as one block.
            buddy.unlink(address, order: BuddyByteAllocator.minOrder)
            region.clear(address, order: BuddyByteAllocator.minOrder, used: false)
            region.set(address, order: BuddyByteAllocator.minOrder, used: true)
            buddy.liveBytes += 16
            try buddy.tryDeallocate(block, byteCount: 16, alignment: 1)
            _ = start
        }
    }

    @Test func deallocatingAForeignPointerTraps() async {
        await #expect(processExitsWith: .failure) {
            let arena = PoolArena(.single(size: 4096))
            var buddy = BuddyByteAllocator()
            try! buddy.initialize(start: arena.regions[0].start, size: 4096)
            buddy.deallocate(arena.base + 8, byteCount: 16, alignment: 1)
        }
    }
}
