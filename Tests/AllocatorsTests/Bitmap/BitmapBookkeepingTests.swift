@testable import Allocators
import Testing
import TestSupport

/// Where the bitmap allocators keep their bookkeeping: the documented bytes
/// per region, a caller's buffer of exactly that many bytes (and the `.noMemory`
/// of one byte less), carved pages, and the per-region limit.
@Suite struct BitmapBookkeepingTests {
    typealias Pages = BitmapPageAllocator<4096>
    static let page = 4096

    /// Regions the program cannot touch (the bookkeeping is elsewhere), far
    /// apart, one of them 1 GiB.
    static let regions: [(start: UInt, size: Int)] = [
        (0x7000_0000_0000, 3000 * page), (0x1000, 70 * page), (0x4_0000_0800, 40 * page), (0x9000_0000, 1 << 30),
    ]

    /// The bytes `bookkeepingByteCount` documents for `regions`, added in order.
    static func exactBytes(_ regions: [(start: UInt, size: Int)]) -> Int {
        regions.enumerated().reduce(0) { sum, entry in
            sum + Pages.bookkeepingByteCount(start: entry.element.start, size: entry.element.size, regionsBefore: entry.offset)!
        }
    }

    static func add(_ regions: ArraySlice<(start: UInt, size: Int)>, to allocator: inout Pages) throws(AllocError) {
        for region in regions {
            if allocator.totalPages == 0 { try allocator.initialize(start: region.start, size: region.size) }
            else { try allocator.addMemory(start: region.start, size: region.size) }
        }
    }

    @Test func anExactBufferHoldsEveryRegion() throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.exactBytes(Self.regions), alignment: 16)
        defer { buffer.deallocate() }
        var allocator = Pages(bookkeeping: .buffer(buffer))
        try Self.add(Self.regions[...], to: &allocator)
        #expect(allocator.totalPages == 3000 + 70 + 39 + (1 << 18))
        #expect(throws: AllocError.noMemory) { try allocator.addMemory(start: 0x10_0000_0000, size: 64 * Self.page) }
        let run = try allocator.allocatePages(count: 100, alignment: 1 << 21)
        #expect(run == 0x9000_0000)
        try allocator.tryDeallocatePages(at: run, count: 100)
        #expect(integrityMessage(allocator) == nil)
        #expect(allocator.bitmap.arena.lastChunk == 0, "a platform chunk was taken")
    }

    @Test func aByteLessIsNoMemoryAndChangesNothing() throws {
        let bytes = Self.exactBytes(Self.regions)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes - 1, alignment: 16)
        defer { buffer.deallocate() }
        var allocator = Pages(bookkeeping: .buffer(buffer))
        try Self.add(Self.regions.prefix(3), to: &allocator)
        let pages = allocator.totalPages
        let used = try allocator.allocatePages(count: 3, alignment: Self.page)
        let cursor = allocator.bitmap.arena.cursor, capacity = allocator.bitmap.table.capacity
        #expect(cursor == UInt(bitPattern: buffer.baseAddress) + UInt(Self.exactBytes(Array(Self.regions.prefix(3)))))
        #expect(throws: AllocError.noMemory) { try allocator.addMemory(start: Self.regions[3].start, size: Self.regions[3].size) }
        #expect(allocator.bitmap.arena.cursor == cursor && allocator.bitmap.table.capacity == capacity)
        #expect(allocator.totalPages == pages && allocator.usedPages == 3)
        #expect(allocator.manages(Self.regions[3].start) == false)
        #expect(integrityMessage(allocator) == nil)
        // Nothing of the buffer was taken: a region whose bookkeeping is the
        // rest of it, to the byte, still fits.
        let rest = Pages.bookkeepingByteCount(start: Self.regions[3].start, size: Self.regions[3].size, regionsBefore: 3)! - 1
        let fitting = try #require((1 ... 1 << 18).reversed().lazy.map { Self.page * $0 }.first {
            Pages.bookkeepingByteCount(start: 1 << 44, size: $0, regionsBefore: 3)! <= rest
        })
        try allocator.addMemory(start: 1 << 44, size: fitting)
        #expect(allocator.totalPages == pages + fitting / Self.page)
        allocator.deallocatePages(at: used, count: 3)
        #expect(integrityMessage(allocator) == nil)
    }

    @Test func aByteLessForTheFirstRegionLeavesTheAllocatorEmpty() throws {
        let bytes = Pages.bookkeepingByteCount(start: 0x10_0000, size: 500 * Self.page)!
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes, alignment: 16)
        defer { buffer.deallocate() }
        var short = Pages(bookkeeping: .buffer(UnsafeMutableRawBufferPointer(rebasing: buffer[..<(bytes - 1)])))
        #expect(throws: AllocError.noMemory) { try short.initialize(start: 0x10_0000, size: 500 * Self.page) }
        #expect(short.totalPages == 0 && !short.manages(0x10_0000))
        try short.initialize(start: 0x10_0000, size: 64 * Self.page)
        #expect(short.totalPages == 64)
        var exact = Pages(bookkeeping: .buffer(buffer))
        try exact.initialize(start: 0x10_0000, size: 500 * Self.page)
        #expect(exact.totalPages == 500)
    }

    @Test func theIDAllocatorTakesItsBookkeepingFromABuffer() throws {
        let bytes = BitmapIDAllocator.bookkeepingByteCount(start: 10, size: 1000)! + BitmapIDAllocator.bookkeepingByteCount(start: 5000, size: 64, regionsBefore: 1)!
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes, alignment: 16)
        defer { buffer.deallocate() }
        var ids = BitmapIDAllocator(bookkeeping: .buffer(buffer))
        try ids.initialize(start: 10, size: 1000)
        try ids.addMemory(start: 5000, size: 64)
        #expect(throws: AllocError.noMemory) { try ids.addMemory(start: 9000, size: 1) }
        #expect(try ids.allocateIDs(count: 64, alignment: 64) == 64)
        #expect(throws: AllocError.noMemory) { try ids.allocateIDs(count: 64, alignment: 1024) }
        try ids.allocateIDs(at: 5000, count: 64)
        #expect(ids.usedIDs == 128)
        #expect(integrityMessage(ids) == nil)
        #expect(ids.bitmap.arena.lastChunk == 0, "a platform chunk was taken")
    }

    @Test func thePlatformDefaultTakesAChunkPerRegion() throws {
        // The counterpart of the checks above that no platform chunk was taken.
        var allocator = Pages()
        try Self.add(Self.regions.prefix(2), to: &allocator)
        #expect(allocator.bitmap.arena.lastChunk != 0)
        #expect(allocator.bitmap.arena.storage == .platform)
    }

    // MARK: Carved

    @Test func carvedBookkeepingTakesTheFirstPages() throws {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: 100 * Self.page, alignment: Self.page)
        defer { memory.deallocate() }
        let base = UInt(bitPattern: memory.baseAddress)
        var allocator = Pages(bookkeeping: .carved)
        try allocator.initialize(memory)
        let bytes = try #require(Pages.bookkeepingByteCount(start: base, size: memory.count))
        #expect(bytes <= Self.page)
        #expect(allocator.totalPages == 99)
        // The carved page is in the region but never handed out or freed.
        #expect(allocator.manages(base) && !allocator.isAllocated(base))
        #expect(throws: AllocError.notAllocated) { try allocator.tryDeallocatePages(at: base, count: 1) }
        #expect(throws: AllocError.noMemory) { try allocator.allocatePages(at: base, count: 1, alignment: Self.page) }
        #expect(throws: AllocError.noMemory) { try allocator.allocatePages(at: base, count: 2, alignment: Self.page) }
        var pages: [UInt] = []
        while let address = try? allocator.allocatePages(count: 1, alignment: Self.page) { pages.append(address) }
        #expect(pages == (1 ..< 100).map { base + UInt($0 * Self.page) })
        // The bookkeeping lives in the carved page: the pages handed out can be written over.
        for address in pages { UnsafeMutableRawPointer(bitPattern: address)!.initializeMemory(as: UInt8.self, repeating: 0xA5, count: Self.page) }
        #expect(integrityMessage(allocator) == nil)
        for address in pages { allocator.deallocatePages(at: address, count: 1) }
        #expect(allocator.usedPages == 0 && integrityMessage(allocator) == nil)
        #expect(allocator.bitmap.arena.lastChunk == 0, "a platform chunk was taken")
    }

    @Test func aLargeCarvedRegionTakesItsBytesInWholePages() throws {
        // 64 MiB at a page that is not a multiple of 64 pages: the block spans two pages.
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: (64 << 20) + 64 * Self.page, alignment: 64 * Self.page)
        defer { memory.deallocate() }
        let start = UInt(bitPattern: memory.baseAddress) + UInt(3 * Self.page)
        let bytes = try #require(Pages.bookkeepingByteCount(start: start, size: 64 << 20))
        let carved = (bytes + Self.page - 1) / Self.page
        #expect(carved == 2)
        var allocator = Pages(bookkeeping: .carved)
        try allocator.initialize(start: start, size: 64 << 20)
        #expect(allocator.totalPages == (64 << 20) / Self.page - carved)
        #expect(try allocator.allocatePages(count: 1, alignment: Self.page) == start + UInt(carved * Self.page))
        #expect(integrityMessage(allocator) == nil)
    }

    @Test func aRegionTooSmallForItsCarvedBookkeepingIsRefusedUntouched() throws {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: 4 * Self.page, alignment: Self.page)
        defer { memory.deallocate() }
        memory.initializeMemory(as: UInt8.self, repeating: 0x5A)
        let base = UInt(bitPattern: memory.baseAddress)
        var allocator = Pages(bookkeeping: .carved)
        // One whole page (a ragged one around it): its bookkeeping would leave no page.
        #expect(throws: AllocError.invalidParam) { try allocator.initialize(start: base + 0x800, size: 2 * Self.page) }
        #expect(allocator.totalPages == 0 && !allocator.manages(base + UInt(Self.page)))
        #expect(memory.allSatisfy { $0 == 0x5A })
        try allocator.initialize(start: base, size: 2 * Self.page)
        #expect(allocator.totalPages == 1)
        #expect(try allocator.allocatePages(count: 1, alignment: Self.page) == base + UInt(Self.page))
    }

    @Test func aCarvedRegionTableGrowsIntoTheNewRegion() throws {
        // Five regions with holes between them: the table doubles to 1, 2, 4
        // and 8 slots, each time inside the region being added.
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: 5 * 16 * Self.page, alignment: Self.page)
        defer { memory.deallocate() }
        let base = UInt(bitPattern: memory.baseAddress)
        var allocator = Pages(bookkeeping: .carved)
        for i in [3, 0, 4, 1, 2] {
            let start = base + UInt(i * 16 * Self.page)
            if allocator.totalPages == 0 { try allocator.initialize(start: start, size: 8 * Self.page) }
            else { try allocator.addMemory(start: start, size: 8 * Self.page) }
            let entries = UInt(bitPattern: allocator.bitmap.table.entries)
            if [3, 0, 4].contains(i) { #expect(entries >= start && entries < start + UInt(Self.page), "region \(i)") }
        }
        #expect(allocator.bitmap.table.capacity == 8 && allocator.totalPages == 5 * 7)
        for i in 0 ..< 5 {
            let start = base + UInt(i * 16 * Self.page)
            #expect(try allocator.allocatePages(count: 7, alignment: Self.page) == start + UInt(Self.page))
            #expect(allocator.manages(start + UInt(8 * Self.page)) == false)
            #expect(throws: AllocError.notAllocated) { try allocator.tryDeallocatePages(at: start + UInt(8 * Self.page), count: 1) }
        }
        #expect(integrityMessage(allocator) == nil)
    }

    @Test func theIDAllocatorRefusesCarvedBookkeeping() async {
        await #expect(processExitsWith: .failure) { _ = BitmapIDAllocator(bookkeeping: .carved) }
    }

    // MARK: The documented bytes

    @Test func theDocumentedBytesPerRegion() {
        // 1 GiB of 4 KiB pages at a 1 GiB boundary: 4,096 words under a tree
        // of 4,096 positions: 4·4096 + 9·4096 bytes. 1 TiB: 2^22 words and positions.
        #expect(Pages.bookkeepingByteCount(start: 1 << 30, size: 1 << 30, regionsBefore: 3) == 13 * 4096)
        #expect(Pages.bookkeepingByteCount(start: 1 << 40, size: 1 << 40, regionsBefore: 3) == 13 << 22)
        // The region table doubles after 0, 1, 2, 4, 8 regions.
        let entry = MemoryLayout<BitmapRegion>.stride
        let growth = (0 ... 9).map { Pages.bookkeepingByteCount(start: 1 << 30, size: 1 << 30, regionsBefore: $0)! - 13 * 4096 }
        #expect(growth == [1, 2, 4, 0, 8, 0, 0, 0, 16, 0].map { $0 * entry })
        // Any region: under 25 bytes per word (at most 17 when it starts at a
        // multiple of its rounded-up size), so under 0.4 bytes per page.
        var random = SeededRandom.forTest("bitmap bookkeeping bytes")
        for _ in 0 ..< 3000 {
            let pages = Int(UInt.random(in: 1 ... 1 << UInt.random(in: 0 ... 24, using: &random), using: &random))
            let first = UInt.random(in: 0 ... 1 << 36, using: &random) >> UInt.random(in: 0 ... 36, using: &random)
            let bytes = Pages.bookkeepingByteCount(start: first << 12, size: pages << 12, regionsBefore: 3)!
            let words = (Int(first % 64) + pages + 63) / 64
            #expect(bytes <= 25 * max(words, 8), "\(pages) pages from page \(first)")
            #expect(Double(bytes) < 0.4 * Double(pages) + 25 * 10, "\(pages) pages from page \(first)")
            let rounded = max(8, 1 << (64 - (words - 1).leadingZeroBitCount))
            if first % UInt(rounded * 64) == 0 { #expect(bytes <= 17 * max(words, 8), "\(pages) pages from page \(first)") }
        }
    }

    @Test func thePerRegionLimit() throws {
        let limit = Int(Kernels.bitmapMaxRegionUnits() as UInt)
        #expect(limit == 1 << 30)
        #expect(Pages.bookkeepingByteCount(start: 0, size: limit * Self.page) != nil)
        #expect(Pages.bookkeepingByteCount(start: 0, size: (limit + 1) * Self.page) == nil)
        var allocator = Pages()
        #expect(throws: AllocError.invalidParam) { try allocator.initialize(start: 0, size: (limit + 1) * Self.page) }
        var ids = BitmapIDAllocator()
        #expect(throws: AllocError.invalidParam) { try ids.initialize(start: 0, size: limit + 1) }
        #expect(allocator.totalPages == 0 && ids.capacity == 0)
    }
}
