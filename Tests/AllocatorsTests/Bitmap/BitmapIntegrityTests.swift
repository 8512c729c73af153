@testable import Allocators
import Testing
import TestSupport

/// `checkIntegrity()` has teeth: each kind of corruption it looks for, planted
/// by hand, is reported.
@Suite struct BitmapIntegrityTests {
    static func allocator() throws -> BitmapPageAllocator<4096> {
        var allocator = BitmapPageAllocator<4096>()
        try allocator.initialize(start: 0x3000, size: 300 * 4096)
        _ = try allocator.allocatePages(count: 5, alignment: 4096)
        _ = try allocator.allocatePages(count: 70, alignment: 4096)
        #expect(integrityMessage(allocator) == nil)
        return allocator
    }

    /// Enough pages for a run tree of several levels: 5,000 pages from page 3.
    static func treeAllocator() throws -> BitmapPageAllocator<4096> {
        var allocator = BitmapPageAllocator<4096>()
        try allocator.initialize(start: 0x3000, size: 5000 * 4096)
        _ = try allocator.allocatePages(count: 5, alignment: 4096)
        _ = try allocator.allocatePages(count: 700, alignment: 4096)
        _ = try allocator.allocatePages(count: 3, alignment: 64 * 4096)
        #expect(integrityMessage(allocator) == nil)
        #expect(allocator.bitmap.regions[0].tree.leafCount >= 8)
        return allocator
    }

    static func report(_ allocator: borrowing BitmapPageAllocator<4096>) -> String {
        integrityProblem(allocator) ?? "nothing"
    }

    @Test func aFreedPageTheCountsDoNotKnowIsReported() throws {
        let allocator = try Self.allocator()
        allocator.bitmap.regions[0].leaves[1] |= 1 << 5  // page 69, taken, in a word with free pages
        #expect(Self.report(allocator).contains("free count"))
    }

    @Test func aPaddingBitMarkedFreeIsReported() throws {
        let allocator = try Self.allocator()
        allocator.bitmap.regions[0].leaves[0] |= 1  // page 0 lies below the region
        #expect(Self.report(allocator).contains("padding"))
    }

    @Test func aStaleRunTreeLeafIsReported() throws {
        let allocator = try Self.treeAllocator()
        let tree = allocator.bitmap.regions[0].tree
        tree.nodes[tree.leafCount].longest += 1  // the group of pages 0 ..< 512
        #expect(Self.report(allocator).contains("run-tree leaf"))
    }

    @Test func aStaleWordLongestRunIsReported() throws {
        let allocator = try Self.treeAllocator()
        allocator.bitmap.regions[0].tree.wordLongest[2] = 63  // pages 128 ..< 192 are all free
        #expect(Self.report(allocator).contains("longest free run"))
    }

    @Test func aStaleRunTreeNodeIsReported() throws {
        let allocator = try Self.treeAllocator()
        let tree = allocator.bitmap.regions[0].tree
        tree.nodes[tree.leafCount / 2].suffix &+= 1  // the parent of the first leaf no longer joins its children
        #expect(Self.report(allocator).contains("run-tree node"))
    }

    @Test func aStaleRunTreeRootIsReported() throws {
        let allocator = try Self.treeAllocator()
        allocator.bitmap.regions[0].tree.nodes[1].longest += 1  // longer than any free run
        #expect(Self.report(allocator).contains("run-tree node"))
    }

    @Test func aStaleLargestLeafPrefixIsReported() throws {
        let allocator = try Self.treeAllocator()
        let tree = allocator.bitmap.regions[0].tree
        tree.nodes[tree.leafCount / 2].leafPrefix &+= 1  // no leaf below starts with that many free pages
        #expect(Self.report(allocator).contains("run-tree node"))
    }

    @Test func aStaleLargestWordPrefixIsReported() throws {
        let allocator = try Self.treeAllocator()
        let tree = allocator.bitmap.regions[0].tree
        tree.nodes[tree.leafCount].wordPrefix &+= 1  // no word of the first leaf starts with that many free pages
        #expect(Self.report(allocator).contains("run-tree leaf"))
    }

    @Test func aRunTreeLeafOutsideTheRegionMarkedFreeIsReported() throws {
        let allocator = try Self.treeAllocator()
        let tree = allocator.bitmap.regions[0].tree
        tree.nodes[2 * tree.leafCount - 1] = RunSummary(word: ~0)  // the last position lies past the region
        #expect(Self.report(allocator).contains("run-tree leaf"))
    }

    @Test func wrongUsedCountsAreReported() throws {
        var allocator = try Self.allocator()
        allocator.bitmap.usedUnits += 1
        #expect(Self.report(allocator).contains("used units"))
    }
}
