import Allocators
import Testing
import TestSupport

/// Many regions far apart, with holes between them (and some back to back):
/// every lookup and free in a hole, or across two regions, is refused by the
/// region table, and first fit runs across the regions in address order;
/// with each kind of bookkeeping storage. The check is shown to catch a
/// lookup blind to the holes.
@Suite struct BitmapRegionsTests {
    typealias Pages = BitmapPageAllocator<4096>
    static let page = 4096

    /// `count` regions of `minPages` ... 40 pages, separated by holes of 0
    /// (back to back) to `maxHolePages` pages, in address order.
    static func layout(count: Int, minPages: Int = 1, maxHolePages: Int, using random: inout SeededRandom) -> [(offset: Int, size: Int)] {
        var offset = 0
        return (0 ..< count).map { _ in
            offset += Bool.random(using: &random) ? 0 : Int.random(in: 1 ... maxHolePages, using: &random) * page
            let size = Int.random(in: minPages ... 40, using: &random) * page
            defer { offset += size }
            return (offset, size)
        }
    }

    /// Adds `regions` in a shuffled order, then checks the holes, the runs
    /// across region boundaries, first fit in address order, and the frees;
    /// returns what broke. `managed` gives the pages each region hands out
    /// (its whole pages, or fewer when carved).
    static func problems<A: PageAllocator & ~Copyable>(
        _ allocator: inout A, regions: [(start: UInt, size: Int)],
        managed: ((start: UInt, size: Int)) -> Range<UInt>, using random: inout SeededRandom
    ) -> [String] {
        var problems: [String] = []
        func expect(_ condition: Bool, _ what: @autoclosure () -> String) { if !condition { problems.append(what()) } }
        func error(_ body: (inout A) throws(AllocError) -> Void) -> AllocError? {
            do throws(AllocError) { try body(&allocator); return nil } catch { return error }
        }
        for (n, i) in regions.indices.shuffled(using: &random).enumerated() {
            let region = regions[i]
            let refused = error { a throws(AllocError) in
                if n == 0 { try a.initialize(start: region.start, size: region.size) } else { try a.addMemory(start: region.start, size: region.size) }
            }
            expect(refused == nil, "region \(i) refused: \(String(describing: refused))")
        }
        let pages = UInt(page)
        let runs = regions.map(managed)
        expect(allocator.totalPages == runs.reduce(0) { $0 + $1.count }, "totalPages \(allocator.totalPages)")
        // The holes: the page before every region, after every region, and every page of a hole.
        var holes: Set<UInt> = []
        for (i, region) in regions.enumerated() {
            let first = region.start / pages, end = (region.start + UInt(region.size)) / pages
            if i == 0 || regions[i - 1].start + UInt(regions[i - 1].size) < region.start { holes.insert(first - 1) }
            if i + 1 == regions.count || end < regions[i + 1].start / pages {
                for hole in end ..< min(end + 8, i + 1 == regions.count ? end + 8 : regions[i + 1].start / pages) { holes.insert(hole) }
            }
        }
        for hole in holes.sorted() {
            let address = hole * pages
            expect(!allocator.manages(address), "hole page \(hole) is managed")
            expect(error { a throws(AllocError) in try a.tryDeallocatePages(at: address, count: 1) } == .notAllocated, "hole page \(hole) freed")
            expect(error { a throws(AllocError) in _ = try a.allocatePages(at: address, count: 1, alignment: page) } == .noMemory, "hole page \(hole) allocated")
        }
        // Runs that start in a region and leave it, into a hole or the next region.
        for run in runs {
            expect(error { a throws(AllocError) in _ = try a.allocatePages(at: (run.upperBound - 1) * pages, count: 2, alignment: page) } == .noMemory,
                   "a run across the end of \(run) allocated")
        }
        // First fit across the regions in address order: every page, lowest first.
        var taken: [UInt] = []
        while let address = try? allocator.allocatePages(count: 1, alignment: page) { taken.append(address / pages) }
        expect(taken == runs.flatMap { Array($0) }, "pages not handed out lowest first, region by region")
        if let message = integrityMessage(allocator) { problems.append(message) }
        // A free across two regions back to back, or into a hole, is refused and changes nothing.
        for run in runs {
            expect(error { a throws(AllocError) in try a.tryDeallocatePages(at: (run.upperBound - 1) * pages, count: 2) } == .notAllocated,
                   "a free across the end of \(run) accepted")
        }
        expect(allocator.usedPages == taken.count, "usedPages \(allocator.usedPages) after refused frees")
        for unit in taken.shuffled(using: &random) {
            expect(error { a throws(AllocError) in try a.tryDeallocatePages(at: unit * pages, count: 1) } == nil, "page \(unit) not freed")
        }
        for run in runs {
            expect(error { a throws(AllocError) in try a.tryDeallocatePages(at: run.lowerBound * pages, count: 1) } == .notAllocated, "double free in \(run) accepted")
        }
        expect(allocator.usedPages == 0, "usedPages \(allocator.usedPages) after freeing everything")
        if let message = integrityMessage(allocator) { problems.append(message) }
        return problems
    }

    static func wholePages(_ region: (start: UInt, size: Int)) -> Range<UInt> {
        region.start / UInt(page) ..< (region.start + UInt(region.size)) / UInt(page)
    }

    /// Far apart: 40 regions in four groups 2^42 bytes apart, of addresses
    /// the program cannot touch; inside a group, holes of up to 300 pages or
    /// none.
    static func farApart(using random: inout SeededRandom) -> [(start: UInt, size: Int)] {
        let local = layout(count: 40, maxHolePages: 300, using: &random)
        return local.enumerated().map { i, region in
            (start: UInt(i / 10 + 1) << 42 + UInt(region.offset), size: region.size)
        }
    }

    @Test func farApartRegionsOverThePlatform() throws {
        var random = SeededRandom.forTest("bitmap regions far apart, platform")
        let regions = Self.farApart(using: &random)
        var allocator = Pages()
        #expect(Self.problems(&allocator, regions: regions, managed: Self.wholePages, using: &random) == [])
    }

    @Test func farApartRegionsOverABuffer() throws {
        var random = SeededRandom.forTest("bitmap regions far apart, buffer")
        let regions = Self.farApart(using: &random)
        let bytes = regions.enumerated().reduce(0) { $0 + Pages.bookkeepingByteCount(start: $1.element.start, size: $1.element.size, regionsBefore: $1.offset)! }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes, alignment: 16)
        defer { buffer.deallocate() }
        var allocator = Pages(bookkeeping: .buffer(buffer))
        #expect(Self.problems(&allocator, regions: regions, managed: Self.wholePages, using: &random) == [])
    }

    @Test func regionsWithHolesCarved() throws {
        // Real memory, one arena; the holes are never touched. Each region
        // (of 2 pages at least) loses its first page to its bookkeeping.
        var random = SeededRandom.forTest("bitmap regions with holes, carved")
        let local = Self.layout(count: 24, minPages: 2, maxHolePages: 20, using: &random)
        let arena = PoolArena(RegionLayout(regions: local, baseAlignment: Self.page))
        let regions = arena.regions
        var allocator = Pages(bookkeeping: .carved)
        let carved = { (region: (start: UInt, size: Int)) in Self.wholePages(region).dropFirst() }
        #expect(Self.problems(&allocator, regions: regions, managed: carved, using: &random) == [])
    }

    /// The check has teeth: an allocator that answers `manages` by the lowest
    /// and highest address, as a lookup without a region table would, is
    /// caught in the holes.
    @Test func aLookupBlindToTheHolesIsCaught() {
        var random = SeededRandom.forTest("bitmap regions far apart, planted")
        let regions = Self.farApart(using: &random)
        var allocator = ManagesByBounds()
        let problems = Self.problems(&allocator, regions: regions, managed: Self.wholePages, using: &random)
        #expect(problems.contains { $0.hasPrefix("hole page") && $0.hasSuffix("is managed") })
    }
}

/// `BitmapPageAllocator<4096>` whose `manages` ignores the holes between regions.
struct ManagesByBounds: PageAllocator, ~Copyable {
    var base = BitmapPageAllocator<4096>()
    var lowest = UInt.max, highest: UInt = 0

    static var pageSize: Int { 4096 }
    var totalPages: Int { base.totalPages }
    var usedPages: Int { base.usedPages }
    var availablePages: Int { base.availablePages }
    func manages(_ address: UInt) -> Bool { lowest <= address && address < highest }
    func checkIntegrity() throws(IntegrityViolation) { try base.checkIntegrity() }

    mutating func initialize(start: UInt, size: Int) throws(AllocError) { try addMemory(start: start, size: size) }
    mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        try base.addMemory(start: start, size: size)
        lowest = min(lowest, start)
        highest = max(highest, start + UInt(size))
    }
    mutating func allocatePages(count: Int, alignment: Int) throws(AllocError) -> UInt { try base.allocatePages(count: count, alignment: alignment) }
    mutating func allocatePages(at address: UInt, count: Int, alignment: Int) throws(AllocError) -> UInt {
        try base.allocatePages(at: address, count: count, alignment: alignment)
    }
    mutating func deallocatePages(at address: UInt, count: Int) { base.deallocatePages(at: address, count: count) }
    mutating func tryDeallocatePages(at address: UInt, count: Int) throws(AllocError) { try base.tryDeallocatePages(at: address, count: count) }
}
