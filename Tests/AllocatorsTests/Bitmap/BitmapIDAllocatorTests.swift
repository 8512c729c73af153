import Allocators
import Testing
import TestSupport

@Suite struct BitmapIDAllocatorTests {
    @Test func idsFromStartWithAlignmentAndFixedIDs() throws {
        var ids = BitmapIDAllocator()
        try ids.initialize(start: 10, size: 100)
        #expect(ids.capacity == 100)
        #expect(try ids.allocateIDs(count: 1, alignment: 1) == 10)
        #expect(try ids.allocateIDs(count: 4, alignment: 8) == 16)
        #expect(try ids.allocateIDs(count: 1, alignment: 1) == 11)
        #expect(ids.isAllocated(17) && !ids.isAllocated(20) && !ids.isAllocated(5) && !ids.isAllocated(-1))
        try ids.allocateFixedID(12)
        #expect(throws: AllocError.noMemory) { try ids.allocateFixedID(12) }
        #expect(throws: AllocError.invalidParam) { try ids.allocateFixedID(110) }
        #expect(throws: AllocError.invalidParam) { try ids.allocateFixedID(-3) }
        #expect(throws: AllocError.invalidParam) { try ids.allocateIDs(count: 0, alignment: 1) }
        #expect(throws: AllocError.invalidParam) { try ids.allocateIDs(count: 1, alignment: 6) }
        #expect(throws: AllocError.noMemory) { try ids.allocateIDs(count: 1, alignment: 128) }
        #expect(ids.usedIDs == 7)
        #expect(throws: AllocError.notAllocated) { try ids.tryDeallocateIDs(start: 19, count: 2) }
        ids.deallocateIDs(start: 16, count: 4)
        #expect(throws: AllocError.notAllocated) { try ids.tryDeallocateIDs(start: 16, count: 1) }
        #expect(ids.usedIDs == 3 && ids.availableIDs == 97)
        #expect(integrityMessage(ids) == nil)
    }

    @Test func hugeAlignmentsTerminateWithTypedErrors() throws {
        // A peer looped forever on alignments of 2^64 and more; ours top out at
        // 2^62 (Int) and fail fast when no multiple lies in range.
        var ids = BitmapIDAllocator()
        try ids.initialize(start: 5, size: 1000)
        #expect(throws: AllocError.noMemory) { try ids.allocateIDs(count: 1, alignment: 1 << 62) }
        #expect(throws: AllocError.invalidParam) { try ids.allocateIDs(count: 1, alignment: Int.min) }
        #expect(throws: AllocError.noMemory) { try ids.allocateIDs(count: Int.max, alignment: 1) }
        #expect(throws: AllocError.invalidParam) { try ids.initialize(start: UInt(Int.max), size: 2) }
        #expect(try ids.allocateIDs(count: 3, alignment: 512) == 512)
        var zero = BitmapIDAllocator()
        try zero.initialize(start: 0, size: 10)
        #expect(try zero.allocateIDs(count: 1, alignment: 1 << 62) == 0)
    }

    @Test func everyIDOnceThenNoMemory() throws {
        var ids = BitmapIDAllocator()
        try ids.initialize(start: 0, size: 300)
        var seen = Set<Int>()
        for _ in 0 ..< 300 { seen.insert(try ids.allocateIDs(count: 1, alignment: 1)) }
        #expect(seen == Set(0 ..< 300))
        #expect(throws: AllocError.noMemory) { try ids.allocateIDs(count: 1, alignment: 1) }
        #expect(throws: AllocError.memoryOverlap) { try ids.addMemory(start: 299, size: 2) }
        #expect(integrityMessage(ids) == nil)
    }
}
