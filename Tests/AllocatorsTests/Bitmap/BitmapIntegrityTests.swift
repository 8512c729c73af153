@testable import Allocators
import Testing
import TestSupport

/// `checkIntegrity()` has teeth: each kind of corruption it looks for, planted
/// by hand, is reported, at the address of the page concerned (an ID for the
/// ID allocator).
@Suite struct BitmapIntegrityTests {
    static let page: UInt = 4096

    /// Pages 3 ..< 303: leaf word 0 holds pages 0 ..< 64, so pages 0 ..< 3 are padding.
    static func allocator() throws -> BitmapPageAllocator<4096> {
        var allocator = BitmapPageAllocator<4096>()
        try allocator.initialize(start: 3 * page, size: 300 * 4096)
        _ = try allocator.allocatePages(count: 5, alignment: 4096)
        _ = try allocator.allocatePages(count: 70, alignment: 4096)
        #expect(integrityMessage(allocator) == nil)
        return allocator
    }

    /// Enough pages for a run tree of several levels: 5,000 pages from page
    /// 0x40143, whose word 0x1005 sits at tree position 5, so tree position 0
    /// (the first leaf's first unit) is page 0x40000, below the region.
    static let treeBase: UInt = 0x40000
    static func treeAllocator() throws -> BitmapPageAllocator<4096> {
        var allocator = BitmapPageAllocator<4096>()
        try allocator.initialize(start: 0x40143 * page, size: 5000 * 4096)
        _ = try allocator.allocatePages(count: 5, alignment: 4096)
        _ = try allocator.allocatePages(count: 700, alignment: 4096)
        _ = try allocator.allocatePages(count: 3, alignment: 64 * 4096)
        #expect(integrityMessage(allocator) == nil)
        #expect(allocator.bitmap.table[0].tree.leafCount >= 8)
        #expect(allocator.bitmap.table[0].tree.shift == 5)
        return allocator
    }

    /// The violation `checkIntegrity()` throws, as its problem and address
    /// ("nothing" at 0 when there is none).
    static func report<A: BaseAllocator & ~Copyable>(_ allocator: borrowing A) -> (problem: String, address: UInt) {
        do throws(IntegrityViolation) { try allocator.checkIntegrity(); return ("nothing", 0) } catch {
            #expect("\(error.allocator)" == "bitmap")
            return ("\(error.problem)", error.address)
        }
    }

    @Test func aFreedPageTheCountsDoNotKnowIsReportedAtItsRegion() throws {
        let allocator = try Self.allocator()
        allocator.bitmap.table[0].leaves[1] |= 1 << 5  // page 69, taken, in a word with free pages
        let found = Self.report(allocator)
        #expect(found.problem.contains("free count") && found.address == 3 * Self.page)
    }

    @Test func aPaddingBitMarkedFreeIsReportedAtItsPage() throws {
        let allocator = try Self.allocator()
        allocator.bitmap.table[0].leaves[0] |= 1 << 2  // page 2 lies below the region
        let found = Self.report(allocator)
        #expect(found.problem.contains("padding") && found.address == 2 * Self.page)
    }

    @Test func aPaddingBitPastTheEndIsReportedAtItsPage() throws {
        let allocator = try Self.allocator()
        allocator.bitmap.table[0].leaves[4] |= 1 << 50  // page 306 lies past the region's last page, 302
        let found = Self.report(allocator)
        #expect(found.problem.contains("padding") && found.address == 306 * Self.page)
    }

    @Test func aStaleRunTreeLeafIsReportedAtItsFirstPage() throws {
        let allocator = try Self.treeAllocator()
        let tree = allocator.bitmap.table[0].tree
        tree.nodes[tree.leafCount + 1].longest += 1  // the group of pages 0x40200 ..< 0x40400
        let found = Self.report(allocator)
        #expect(found.problem.contains("run-tree leaf") && found.address == (Self.treeBase + 512) * Self.page)
    }

    @Test func aStaleWordLongestRunIsReportedAtItsWord() throws {
        let allocator = try Self.treeAllocator()
        allocator.bitmap.table[0].tree.wordLongest[20] = 63  // pages 0x40140 + 20 * 64 ..< + 64 are all free
        let found = Self.report(allocator)
        #expect(found.problem.contains("longest free run") && found.address == (0x40140 + 20 * 64) * Self.page)
    }

    @Test func aStaleRunTreeNodeIsReportedAtItsFirstPage() throws {
        let allocator = try Self.treeAllocator()
        let tree = allocator.bitmap.table[0].tree
        tree.nodes[tree.leafCount / 2 + 1].suffix &+= 1  // the parent of leaves 2 and 3 no longer joins them
        let found = Self.report(allocator)
        #expect(found.problem.contains("run-tree node") && found.address == (Self.treeBase + 2 * 512) * Self.page)
    }

    @Test func aStaleRunTreeRootIsReported() throws {
        let allocator = try Self.treeAllocator()
        allocator.bitmap.table[0].tree.nodes[1].longest += 1  // longer than any free run
        let found = Self.report(allocator)
        #expect(found.problem.contains("run-tree node") && found.address == Self.treeBase * Self.page)
    }

    @Test func aStaleLargestLeafPrefixIsReported() throws {
        let allocator = try Self.treeAllocator()
        let tree = allocator.bitmap.table[0].tree
        tree.nodes[tree.leafCount / 2].leafPrefix &+= 1  // no leaf below starts with that many free pages
        #expect(Self.report(allocator).problem.contains("run-tree node") == true)
    }

    @Test func aStaleLargestWordPrefixIsReported() throws {
        let allocator = try Self.treeAllocator()
        let tree = allocator.bitmap.table[0].tree
        tree.nodes[tree.leafCount].wordPrefix &+= 1  // no word of the first leaf starts with that many free pages
        #expect(Self.report(allocator).problem.contains("run-tree leaf") == true)
    }

    @Test func aRunTreeLeafOutsideTheRegionMarkedFreeIsReported() throws {
        let allocator = try Self.treeAllocator()
        let tree = allocator.bitmap.table[0].tree
        tree.nodes[2 * tree.leafCount - 1] = RunSummary(word: ~0)  // the last position lies past the region
        let found = Self.report(allocator)
        #expect(found.problem.contains("run-tree leaf")
                && found.address == (Self.treeBase + UInt(tree.leafCount - 1) * 512) * Self.page)
    }

    @Test func wrongUsedCountsAreReported() throws {
        var allocator = try Self.allocator()
        allocator.bitmap.usedUnits += 1
        let found = Self.report(allocator)
        #expect(found.problem.contains("used units") && found.address == 0)
    }

    @Test func regionsOutOfOrderAreReportedAtTheLaterOne() throws {
        var allocator = BitmapPageAllocator<4096>()
        try allocator.initialize(start: 0x10_0000, size: 8 * 4096)
        try allocator.addMemory(start: 0x20_0000, size: 8 * 4096)
        let table = allocator.bitmap.table
        let first = table[0]
        table[0] = table[1]
        table[1] = first
        let found = Self.report(allocator)
        #expect(found.problem.contains("out of order") && found.address == 0x10_0000)
        table[1] = table[0]
        table[0] = first  // restored, so the allocator frees what it owns
        #expect(Self.report(allocator).problem == "nothing")
    }

    @Test func aRegionTableSlotPastTheCountIsReported() throws {
        var allocator = BitmapPageAllocator<4096>()
        try allocator.initialize(start: 0x10_0000, size: 8 * 4096)
        try allocator.addMemory(start: 0x20_0000, size: 8 * 4096)
        try allocator.addMemory(start: 0x30_0000, size: 8 * 4096)
        let table = allocator.bitmap.table
        #expect(table.capacity == 4)
        table[3] = table[2]  // a stale copy past the count
        let found = Self.report(allocator)
        #expect(found.problem.contains("padding") && found.address == 0x30_0000)
        table[3] = .padding
    }

    @Test func carvedBookkeepingOutsideItsPagesIsReported() throws {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 4096, alignment: 4096)
        defer { memory.deallocate() }
        var allocator = BitmapPageAllocator<4096>(bookkeeping: .carved)
        try allocator.initialize(memory)
        #expect(Self.report(allocator).problem == "nothing")
        let region = allocator.bitmap.table[0]
        #expect(region.managedStart == region.start + 1)
        // The same region, claiming its bookkeeping lies in a managed page.
        allocator.bitmap.table[0] = BitmapRegion(
            start: region.start, end: region.end, managedStart: region.start, layout: BitmapRegion.Layout(start: region.start, end: region.end),
            storage: UnsafeMutableRawPointer(memory.baseAddress!) + 4096)
        let found = Self.report(allocator)
        #expect(found.problem.contains("carved bookkeeping") && found.address == UInt(bitPattern: memory.baseAddress))
    }

    @Test func idViolationsAreReportedAtTheID() throws {
        var ids = BitmapIDAllocator()
        try ids.initialize(start: 1000, size: 100)
        ids.bitmap.table[0].leaves[0] |= 1 << 3  // ID 963: the region's word starts at ID 960
        let found = Self.report(ids)
        #expect(found.problem.contains("padding") && found.address == 963)
    }
}
