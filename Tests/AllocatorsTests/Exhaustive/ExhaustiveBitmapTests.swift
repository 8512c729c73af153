import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// Every state the bitmap page allocator reaches over 130 pages in two
/// regions with at most four runs live, and the ID allocator over 130 IDs
/// with at most three, every step checked against the page model (first fit
/// included; Z3 too on the states with at most one live run) and
/// `checkIntegrity()`; and every planted bug caught by the same search.
@Suite struct ExhaustiveBitmapTests {
    typealias Pages = BitmapPageAllocator<4096>
    static let page = 4096

    /// Pages 58 ..< 128 (70 pages, across the bitmap word edge at page 64,
    /// where the only 64-page-aligned run of the region starts) and pages
    /// 200 ..< 260 (60 pages, across page 256 but too short for a 64-page run
    /// aligned there).
    static let pageRegions: [(start: UInt, size: Int)] = [(start: 58 * 4096, size: 70 * 4096), (start: 200 * 4096, size: 60 * 4096)]
    /// One page (unaligned and 64-page aligned: a peer's bug), three pages
    /// aligned to two, 64 pages aligned to 64; two pages at page 63, across
    /// the word edge.
    static let pageScope = ExhaustivePageScope(
        requests: [
            .pages(1, alignment: page), .pages(1, alignment: 64 * page), .pages(3, alignment: 2 * page), .pages(64, alignment: 64 * page),
            .at(offset: 5, pages: 2, alignment: page),
        ],
        maxLive: 4)

    /// IDs 3 ..< 133; runs of one ID (unaligned and aligned to 64), two
    /// aligned to two, five aligned to four, 64 aligned to 64; three IDs at
    /// 63, across the word edge.
    static let idRegions: [(start: UInt, size: Int)] = [(start: 3, size: 130)]
    static let idScope = ExhaustivePageScope(
        requests: [
            .pages(1, alignment: 1), .pages(1, alignment: 64), .pages(2, alignment: 2), .pages(5, alignment: 4), .pages(64, alignment: 64),
            .at(offset: 60, pages: 3, alignment: 1),
        ],
        maxLive: 3)

    static func searchPages<A: PageAllocator & ~Copyable>(
        _ label: String, scope: ExhaustivePageScope, mode: PageModelChecker.Mode, make: @escaping () -> A,
        integrity: @escaping (borrowing A) -> String?, encode: @escaping (borrowing A, UInt) -> [Int]
    ) -> ExhaustiveReport<PageStep> {
        PageModelChecker(regions: pageRegions, pageSize: page, mode: mode)
            .searchExhaustively(label, scope: scope, make: make, integrity: integrity, encode: encode)
    }

    static func searchIDs<A: PageAllocator & ~Copyable>(
        _ label: String, scope: ExhaustivePageScope, mode: PageModelChecker.Mode, make: @escaping () -> A,
        integrity: @escaping (borrowing A) -> String?, encode: @escaping (borrowing A, UInt) -> [Int]
    ) -> ExhaustiveReport<PageStep> {
        PageModelChecker(regions: idRegions, pageSize: 1, mode: mode)
            .searchExhaustively(label, scope: scope, make: make, integrity: integrity, encode: encode)
    }

    static func encodeIDs(_ ids: borrowing BitmapIDAllocator, origin: UInt) -> [Int] {
        ExhaustiveLayouts.ids(ids, in: Int(origin) ..< Int(origin) + 130, origin: origin)
    }

    @Test func pagesInTwoRegions() {
        let report = Self.searchPages(
            "bitmap pages, two regions", scope: Self.pageScope, mode: .z3AndShadow, make: { Pages() },
            integrity: { integrityMessage($0) }, encode: { ExhaustiveLayouts.pages($0, origin: $1) })
        #expect(report.failure == nil, "\(report)")
        #expect(report.statistics.transitions > 0)
    }

    @Test func ids() {
        let report = Self.searchIDs(
            "bitmap IDs", scope: Self.idScope, mode: .z3AndShadow, make: { IDsAsPages() },
            integrity: { integrityMessage($0.ids) }, encode: { Self.encodeIDs($0.ids, origin: $1) })
        #expect(report.failure == nil, "\(report)")
        #expect(report.statistics.transitions > 0)
    }

    /// Bad frees only for the bug that accepts them, so that each planted bug
    /// shows as itself.
    @Test(arguments: PlantedBugPageAllocator<Pages>.Bug.allCases)
    func plantedBugInPagesIsCaught(bug: PlantedBugPageAllocator<Pages>.Bug) {
        let scope = Self.pageScope.badFrees(bug == .acceptsDoubleFree)
        let report = Self.searchPages(
            "bitmap pages planted \(bug)", scope: scope, mode: .shadow, make: { PlantedBugPageAllocator(Pages(), bug: bug) },
            integrity: { integrityMessage($0.base) }, encode: { ExhaustiveLayouts.pages($0.base, origin: $1) })
        expectPlantedBugCaught(report, bug: bug, reasons: [bug.expectedReport], kind: "pages")
    }

    @Test(arguments: PlantedBugPageAllocator<IDsAsPages>.Bug.allCases)
    func plantedBugInIDsIsCaught(bug: PlantedBugPageAllocator<IDsAsPages>.Bug) {
        let scope = Self.idScope.badFrees(bug == .acceptsDoubleFree)
        let report = Self.searchIDs(
            "bitmap IDs planted \(bug)", scope: scope, mode: .shadow, make: { PlantedBugPageAllocator(IDsAsPages(), bug: bug) },
            integrity: { integrityMessage($0.base.ids) }, encode: { Self.encodeIDs($0.base.ids, origin: $1) })
        expectPlantedBugCaught(report, bug: bug, reasons: [bug.expectedReport], kind: "pages")
    }
}
