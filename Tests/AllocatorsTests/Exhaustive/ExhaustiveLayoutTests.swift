@testable import Allocators
import Testing
import TestSupport

/// The layout walks and encodings the exhaustive searches deduplicate by:
/// free lists come in the order allocation takes them (LIFO), so two states
/// with the same blocks but another list order encode differently (merging
/// them would leave states unsearched), and one path always gives one encoding.
@Suite struct ExhaustiveLayoutTests {
    typealias Small = TLSFAllocator<TLSFSixteenListConfiguration>

    /// Allocates five 16-byte blocks in `region`, frees those at `freed` in
    /// that order, and returns the encoding (nil on an error).
    static func tlsfEncoding(freeing freed: [Int], region: (start: UInt, size: Int), origin: UInt) -> [Int]? {
        var allocator = Small()
        do throws(AllocError) {
            try allocator.initialize(start: region.start, size: region.size)
            var blocks: [UnsafeMutableRawPointer] = []
            for _ in 0 ..< 5 { blocks.append(try allocator.allocate(byteCount: 16, alignment: 16)) }
            for index in freed { try allocator.tryDeallocate(blocks[index], byteCount: 16, alignment: 16) }
        } catch { return nil }
        return ExhaustiveLayouts.tlsf(allocator, origin: origin)
    }

    @Test func tlsfFreeListOrderIsPartOfTheState() throws {
        let arena = PoolArena(RegionLayout(regions: [(offset: 0, size: Small.controlBytes + 512)]))
        let region = arena.regions[0], origin = UInt(bitPattern: arena.base)
        let first = try #require(Self.tlsfEncoding(freeing: [0, 2], region: region, origin: origin))
        let again = try #require(Self.tlsfEncoding(freeing: [0, 2], region: region, origin: origin))
        let swapped = try #require(Self.tlsfEncoding(freeing: [2, 0], region: region, origin: origin))
        #expect(first == again)
        #expect(first != swapped)
        // The same blocks: only the list order differs.
        let blocks = { (encoding: [Int]) in Array(encoding.prefix { $0 != -1 }) }
        #expect(blocks(first) == blocks(swapped))
    }

    @Test func tlsfFreeListsWalkFromTheHead() throws {
        let arena = PoolArena(RegionLayout(regions: [(offset: 0, size: Small.controlBytes + 512)]))
        var allocator = Small()
        try allocator.initialize(start: arena.regions[0].start, size: arena.regions[0].size)
        let a = try allocator.allocate(byteCount: 16, alignment: 16)
        _ = try allocator.allocate(byteCount: 16, alignment: 16)
        let c = try allocator.allocate(byteCount: 16, alignment: 16)
        _ = try allocator.allocate(byteCount: 16, alignment: 16)
        allocator.deallocate(a, byteCount: 16, alignment: 16)
        allocator.deallocate(c, byteCount: 16, alignment: 16)
        var smallest: [UInt] = []
        allocator.walkFreeLists { first, second, block in if first == 0, second == 2 { smallest.append(block) } }
        // 32-byte blocks: headers G below the payloads, the last freed first.
        let header = UInt(Small.granularity)
        #expect(smallest == [UInt(bitPattern: c) - header, UInt(bitPattern: a) - header])
        #expect(try allocator.allocate(byteCount: 16, alignment: 16) == c)
    }

    @Test func buddyFreeListOrderIsPartOfTheState() throws {
        let arena = PoolArena(RegionLayout(regions: [(offset: 0, size: 256)]))
        func encoding(freeing freed: [Int]) throws -> [Int] {
            var allocator = BuddyByteAllocator(bookkeeping: .platform)  // carved, 256 bytes would hold little else
            try allocator.initialize(start: arena.regions[0].start, size: 256)
            var blocks: [UnsafeMutableRawPointer] = []
            for _ in 0 ..< 4 { blocks.append(try allocator.allocate(byteCount: 16, alignment: 16)) }
            // Blocks 0 and 2 are not buddies: both stay free at the minimum order.
            for index in freed { try allocator.tryDeallocate(blocks[index], byteCount: 16, alignment: 16) }
            return ExhaustiveLayouts.buddy(allocator, origin: UInt(bitPattern: arena.base))
        }
        #expect(try encoding(freeing: [0, 2]) == encoding(freeing: [0, 2]))
        #expect(try encoding(freeing: [0, 2]) != encoding(freeing: [2, 0]))
        #expect(try Set(encoding(freeing: [0, 2])) == Set(encoding(freeing: [2, 0])))
    }

    @Test func slabFreeObjectsWalkFromTheHead() throws {
        let arena = PoolArena(ExhaustiveSlabTests.layout)
        var slab = ExhaustiveSlabTests.make()
        try slab.initialize(start: arena.regions[0].start, size: arena.regions[0].size)
        let objects = try (0 ..< 3).map { _ throws(AllocError) in try slab.allocate(byteCount: 16, alignment: 16) }
        slab.deallocate(objects[0], byteCount: 16, alignment: 16)
        let afterOne = ExhaustiveSlabTests.encode(slab, origin: UInt(bitPattern: arena.base))
        slab.deallocate(objects[2], byteCount: 16, alignment: 16)
        var slabs: [SlabLayoutInfo] = []
        slab.walkSlabs { slabs.append($0) }
        let info = try #require(slabs.first)
        #expect(slabs.count == 1 && info.liveObjects == 1 && info.classIndex == 0)
        var freed: [UInt] = []
        slab.walkFreeObjects(ofSlabAt: info.base) { freed.append($0) }
        #expect(freed == [UInt(bitPattern: objects[2]), UInt(bitPattern: objects[0])])
        #expect(ExhaustiveSlabTests.freedObjects(slab) == 2)
        #expect(ExhaustiveSlabTests.encode(slab, origin: UInt(bitPattern: arena.base)) != afterOne)
    }

    @Test func pageRunsAreMaximal() throws {
        var pages = BitmapPageAllocator<4096>()
        try pages.initialize(start: 0x10_0000, size: 40 * 4096)
        _ = try pages.allocatePages(count: 2, alignment: 4096)
        _ = try pages.allocatePages(count: 3, alignment: 4096)
        _ = try pages.allocatePages(at: 0x10_0000 + 10 * 4096, count: 1, alignment: 4096)
        #expect(ExhaustiveLayouts.pages(pages, origin: 0x10_0000) == [0, 5, 10, 1])
    }
}
