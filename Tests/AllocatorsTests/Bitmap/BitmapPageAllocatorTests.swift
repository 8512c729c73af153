import Allocators
import Testing
import TestSupport

/// Unit tests in the spirit of the seed crate's, plus the peers' known bugs.
@Suite struct BitmapPageAllocatorTests {
    typealias Pages = BitmapPageAllocator<4096>
    static let page = 4096
    static let gib = 1 << 30

    static func expectIntact(_ allocator: borrowing Pages, sourceLocation: SourceLocation = #_sourceLocation) {
        let violation = integrityMessage(allocator)
        #expect(violation == nil, sourceLocation: sourceLocation)
        #expect(allocator.usedPages + allocator.availablePages == allocator.totalPages, sourceLocation: sourceLocation)
    }

    @Test func onePage() throws {
        var allocator = Pages()
        try allocator.initialize(start: 0x1000, size: Self.page)
        #expect(allocator.totalPages == 1)
        let address = try allocator.allocatePages(count: 1, alignment: Self.page)
        #expect(address == 0x1000)
        #expect(throws: AllocError.noMemory) { try allocator.allocatePages(count: 1, alignment: Self.page) }
        allocator.deallocatePages(at: address, count: 1)
        #expect(allocator.availablePages == 1)
        #expect(try allocator.allocatePages(count: 1, alignment: Self.page) == 0x1000)
        Self.expectIntact(allocator)
    }

    @Test func twoGiBAtAnOddBaseWithEveryCountAndAlignment() throws {
        var allocator = Pages()
        let base = UInt(Self.gib + Self.page)
        try allocator.initialize(start: base, size: 2 * Self.gib)
        #expect(allocator.totalPages == 2 * Self.gib / Self.page)
        for count in [1, 10, 100, 1000] {
            var alignment = Self.page
            while alignment <= Self.gib {
                let address = try allocator.allocatePages(count: count, alignment: alignment)
                #expect(address % UInt(alignment) == 0, "count \(count) alignment \(alignment): \(address)")
                #expect(address >= base && address + UInt(count * Self.page) <= base + UInt(2 * Self.gib))
                #expect(allocator.usedPages == count)
                allocator.deallocatePages(at: address, count: count)
                alignment <<= 1
            }
        }
        // Lowest-address first fit: the first 1 GiB-aligned address is 2 GiB.
        #expect(try allocator.allocatePages(count: 1, alignment: Self.gib) == UInt(2 * Self.gib))
        #expect(try allocator.allocatePages(count: 1, alignment: Self.page) == base)
        Self.expectIntact(allocator)
    }

    @Test func alignmentHoldsForSinglePages() throws {
        // A peer ignored the alignment when the count was 1.
        var allocator = Pages()
        try allocator.initialize(start: 0x1000, size: 64 * Self.page)
        for _ in 0 ..< 4 {
            let address = try allocator.allocatePages(count: 1, alignment: 8 * Self.page)
            #expect(address % UInt(8 * Self.page) == 0)
        }
        #expect(throws: AllocError.noMemory) { try allocator.allocatePages(count: 1, alignment: 128 * Self.page) }
        #expect(try allocator.allocatePages(count: 1, alignment: 64 * Self.page) == 0x40000)
        Self.expectIntact(allocator)
    }

    @Test func allocateAtExactRuns() throws {
        var allocator = Pages()
        try allocator.initialize(start: 0x10000, size: 16 * Self.page)
        #expect(try allocator.allocatePages(at: 0x12000, count: 4, alignment: 0x2000) == 0x12000)
        #expect(throws: AllocError.noMemory) { try allocator.allocatePages(at: 0x14000, count: 1, alignment: Self.page) }
        #expect(throws: AllocError.noMemory) { try allocator.allocatePages(at: 0x11000, count: 2, alignment: Self.page) }
        #expect(throws: AllocError.invalidParam) { try allocator.allocatePages(at: 0x13000, count: 1, alignment: 0x2000) }
        #expect(throws: AllocError.noMemory) { try allocator.allocatePages(at: 0x1F000, count: 2, alignment: Self.page) }
        #expect(throws: AllocError.noMemory) { try allocator.allocatePages(at: 0x8000, count: 1, alignment: Self.page) }
        #expect(allocator.usedPages == 4)
        #expect(try allocator.allocatePages(count: 2, alignment: Self.page) == 0x10000)
        #expect(try allocator.allocatePages(count: 1, alignment: Self.page) == 0x16000)
        Self.expectIntact(allocator)
    }

    @Test func badRequestsAreTypedErrorsThatChangeNothing() throws {
        var allocator = Pages()
        try allocator.initialize(start: 0x1000, size: 8 * Self.page)
        #expect(throws: AllocError.invalidParam) { try allocator.allocatePages(count: 0, alignment: Self.page) }
        #expect(throws: AllocError.invalidParam) { try allocator.allocatePages(count: -1, alignment: Self.page) }
        #expect(throws: AllocError.invalidParam) { try allocator.allocatePages(count: 1, alignment: 3 * Self.page) }
        #expect(throws: AllocError.invalidParam) { try allocator.allocatePages(count: 1, alignment: 2048) }
        #expect(throws: AllocError.invalidParam) { try allocator.allocatePages(count: 1, alignment: 0) }
        #expect(throws: AllocError.invalidParam) { try allocator.allocatePages(count: 1, alignment: Int.min) }
        #expect(throws: AllocError.noMemory) { try allocator.allocatePages(count: 1, alignment: 1 << 62) }
        #expect(throws: AllocError.noMemory) { try allocator.allocatePages(count: Int.max, alignment: Self.page) }
        #expect(throws: AllocError.noMemory) { try allocator.allocatePages(at: UInt(1) << 62, count: 1, alignment: 1 << 62) }
        #expect(throws: AllocError.noMemory) { try allocator.allocatePages(at: 0x1000, count: Int.max, alignment: Self.page) }
        #expect(allocator.usedPages == 0)
        Self.expectIntact(allocator)
    }

    @Test func badFreesAreRefusedAndChangeNothing() throws {
        var allocator = Pages()
        try allocator.initialize(start: 0x1000, size: 8 * Self.page)
        let address = try allocator.allocatePages(count: 2, alignment: Self.page)
        #expect(throws: AllocError.notAllocated) { try allocator.tryDeallocatePages(at: address, count: 3) }
        #expect(throws: AllocError.notAllocated) { try allocator.tryDeallocatePages(at: address + 1, count: 1) }
        #expect(throws: AllocError.notAllocated) { try allocator.tryDeallocatePages(at: 0x100000, count: 1) }
        #expect(throws: AllocError.notAllocated) { try allocator.tryDeallocatePages(at: address, count: 0) }
        #expect(throws: AllocError.notAllocated) { try allocator.tryDeallocatePages(at: 0x8000, count: Int.max) }
        #expect(allocator.usedPages == 2)
        try allocator.tryDeallocatePages(at: address, count: 2)
        #expect(throws: AllocError.notAllocated) { try allocator.tryDeallocatePages(at: address, count: 2) }
        #expect(allocator.usedPages == 0)
        Self.expectIntact(allocator)
    }

    @Test func regionsFarApartOverlapAndFirstFit() throws {
        var allocator = Pages()
        try allocator.initialize(start: 0x7000_0000_0000, size: 4 * Self.page)
        try allocator.addMemory(start: 0x1000, size: 2 * Self.page)
        #expect(throws: AllocError.memoryOverlap) { try allocator.addMemory(start: 0x2000, size: 4 * Self.page) }
        #expect(throws: AllocError.memoryOverlap) { try allocator.addMemory(start: 0x6FFF_FFFF_F000, size: 2 * Self.page) }
        #expect(throws: AllocError.invalidParam) { try allocator.addMemory(start: 0x10_0000, size: 0) }
        #expect(throws: AllocError.invalidParam) { try allocator.addMemory(start: 0x10_0800, size: 2048) }
        #expect(throws: AllocError.invalidParam) { try allocator.addMemory(start: UInt.max - 4095, size: 2 * Self.page) }
        #expect(allocator.totalPages == 6)
        #expect(try allocator.allocatePages(count: 1, alignment: Self.page) == 0x1000)
        #expect(try allocator.allocatePages(count: 2, alignment: Self.page) == 0x7000_0000_0000)
        #expect(try allocator.allocatePages(count: 1, alignment: Self.page) == 0x2000)
        #expect(allocator.usedPages == 4)
        Self.expectIntact(allocator)
    }

    @Test func aRegionOfOneTebibyte() throws {
        var allocator = Pages()
        let tib = UInt(1) << 40
        try allocator.initialize(start: tib, size: 1 << 40)
        #expect(allocator.totalPages == 1 << 28)
        let last = try allocator.allocatePages(at: 2 * tib - 0x1000, count: 1, alignment: Self.page)
        let huge = try allocator.allocatePages(count: 1 << 20, alignment: Self.gib)
        #expect(huge == tib)
        let aligned = try allocator.allocatePages(count: 3, alignment: 1 << 39)
        #expect(aligned == tib + (1 << 39))
        #expect(allocator.usedPages == (1 << 20) + 4)
        allocator.deallocatePages(at: last, count: 1)
        allocator.deallocatePages(at: huge, count: 1 << 20)
        #expect(allocator.usedPages == 3)
    }

    @Test func otherPageSizes() throws {
        var small = BitmapPageAllocator<512>()
        try small.initialize(start: 0x200, size: 4096)
        #expect(BitmapPageAllocator<512>.pageSize == 512)
        #expect(small.totalPages == 8)
        #expect(try small.allocatePages(count: 2, alignment: 1024) == 0x400)
    }
}
