import Allocators
import AllocatorSpec
import Testing
import TestSupport

/// `BitmapPageAllocator` and `BitmapIDAllocator` against the page model, every
/// step checked by the shadow and, on small scopes, by Z3, with each kind of
/// bookkeeping storage (platform, a caller's buffer, carved from the pages);
/// and the model's teeth: each planted bug is caught.
@Suite struct BitmapModelTests {
    typealias Pages = BitmapPageAllocator<4096>
    static let page = 4096

    static func integrity(_ allocator: borrowing Pages) -> String? { integrityMessage(allocator) }

    /// Tiny pools of 1 ... 130 pages at bases that are only page-aligned, so
    /// every word edge and alignment edge is hit.
    static let tinyPools: [[(start: UInt, size: Int)]] = [1, 2, 7, 16, 63, 64, 65, 127, 128, 130].enumerated().map { i, pages in
        [(start: UInt(0x10_0000 + (i * 37 % 64 + 1) * page), size: pages * page)]
    }

    /// Several regions far apart, given out of order, one overlapping and one
    /// with ragged edges (only its whole pages are managed).
    static let multiRegion: [[(start: UInt, size: Int)]] = [[
        (start: 0x7000_0000_3000, size: 70 * page),
        (start: 0x5000, size: 10 * page),
        (start: 0x4_0000_0000 - 0x800, size: 40 * page + 0x1000),
        (start: 0x7000_0000_0000, size: 5 * page),
        (start: 0x9000, size: 2 * page),
    ]]

    static let smallWorkload = PageWorkload(maxPages: 80, alignmentLog2: 0 ... 7, slots: 12, pageSize: page, offsetSpan: 130)

    @Test func tinyPoolsWithZ3AndShadow() {
        let report = modelCheckPageAllocator("bitmap pages, tiny pools, z3", regionSets: Self.tinyPools, workload: Self.smallWorkload,
                                             runs: 1, steps: 60, mode: .z3AndShadow, make: { Pages() }, integrity: Self.integrity)
        #expect(report == nil)
    }

    @Test func tinyPoolsWithTheShadow() {
        let report = modelCheckPageAllocator("bitmap pages, tiny pools", regionSets: Self.tinyPools, workload: Self.smallWorkload,
                                             runs: 20, steps: 200, mode: .shadow, make: { Pages() }, integrity: Self.integrity)
        #expect(report == nil)
    }

    @Test func multiRegionWithZ3AndShadow() {
        let report = modelCheckPageAllocator("bitmap pages, multi-region, z3", regionSets: Self.multiRegion, workload: Self.smallWorkload,
                                             runs: 3, steps: 120, mode: .z3AndShadow, make: { Pages() }, integrity: Self.integrity)
        #expect(report == nil)
    }

    @Test func multiRegionWithTheShadow() {
        let report = modelCheckPageAllocator("bitmap pages, multi-region", regionSets: Self.multiRegion, workload: Self.smallWorkload,
                                             runs: 30, steps: 300, mode: .shadow, make: { Pages() }, integrity: Self.integrity)
        #expect(report == nil)
    }

    @Test func oneGiBOfPagesWithTheShadow() {
        // The pages_1G geometry: 262,144 pages, runs up to 512, alignments up to 2 MiB.
        let workload = PageWorkload(maxPages: 512, alignmentLog2: 0 ... 9, slots: 300, pageSize: Self.page, offsetSpan: 1 << 18)
        let report = modelCheckPageAllocator("bitmap pages, 1 GiB", regionSets: [[(start: 0x4000_1000, size: 1 << 30)]], workload: workload,
                                             runs: 1, steps: 1500, mode: .shadow, make: { Pages() }, integrity: { _ in nil })
        #expect(report == nil)
    }

    /// Z3 on every step with a couple of hundred live runs: the incremental
    /// solver (one assumption literal per live run) keeps each query short.
    @Test func hundredsOfLiveRunsWithZ3() {
        let workload = PageWorkload(maxPages: 3, alignmentLog2: 0 ... 2, slots: 800, pageSize: Self.page, offsetSpan: 1500)
        let report = modelCheckPageAllocator("bitmap pages, hundreds of live runs, z3", regionSets: [[(start: 0x3000, size: 1500 * Self.page)]],
                                             workload: workload, runs: 1, steps: 1500, mode: .z3AndShadow, make: { Pages() },
                                             integrity: Self.integrity)
        #expect(report == nil)
    }

    @Test func idAllocatorWithZ3AndShadow() {
        let workload = PageWorkload(maxPages: 40, alignmentLog2: 0 ... 6, slots: 10, pageSize: 1, offsetSpan: 140)
        let report = modelCheckPageAllocator("bitmap IDs, z3", regionSets: [[(start: 5, size: 130)]], workload: workload,
                                             runs: 2, steps: 100, mode: .z3AndShadow, make: { IDsAsPages() },
                                             integrity: { integrityMessage($0.ids) })
        #expect(report == nil)
    }

    @Test func idAllocatorWithTheShadow() {
        let workload = PageWorkload(maxPages: 70, alignmentLog2: 0 ... 8, slots: 16, pageSize: 1, offsetSpan: 400)
        let report = modelCheckPageAllocator("bitmap IDs", regionSets: [[(start: 0, size: 300)], [(start: 1000, size: 64), (start: 7, size: 3)]],
                                             workload: workload, runs: 10, steps: 300, mode: .shadow, make: { IDsAsPages() },
                                             integrity: { integrityMessage($0.ids) })
        #expect(report == nil)
    }

    // MARK: Bookkeeping from a caller's buffer, and carved from the regions

    /// A buffer roomy enough for the bookkeeping of every region set here.
    static func withBuffer(_ body: (UnsafeMutableRawBufferPointer) -> Void) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
        defer { buffer.deallocate() }
        body(buffer)
    }

    @Test func tinyPoolsOverABufferWithTheShadow() {
        Self.withBuffer { buffer in
            let report = modelCheckPageAllocator("bitmap pages, tiny pools, buffer", regionSets: Self.tinyPools, workload: Self.smallWorkload,
                                                 runs: 10, steps: 200, mode: .shadow, make: { Pages(bookkeeping: .buffer(buffer)) },
                                                 integrity: Self.integrity)
            #expect(report == nil)
        }
    }

    @Test func multiRegionOverABufferWithZ3AndShadow() {
        Self.withBuffer { buffer in
            let report = modelCheckPageAllocator("bitmap pages, multi-region, buffer, z3", regionSets: Self.multiRegion, workload: Self.smallWorkload,
                                                 runs: 3, steps: 120, mode: .z3AndShadow, make: { Pages(bookkeeping: .buffer(buffer)) },
                                                 integrity: Self.integrity)
            #expect(report == nil)
        }
    }

    @Test func idAllocatorOverABufferWithTheShadow() {
        Self.withBuffer { buffer in
            let workload = PageWorkload(maxPages: 70, alignmentLog2: 0 ... 8, slots: 16, pageSize: 1, offsetSpan: 400)
            let report = modelCheckPageAllocator("bitmap IDs, buffer", regionSets: [[(start: 0, size: 300)], [(start: 1000, size: 64), (start: 7, size: 3)]],
                                                 workload: workload, runs: 10, steps: 300, mode: .shadow,
                                                 make: { IDsAsPages(bookkeeping: .buffer(buffer)) }, integrity: { integrityMessage($0.ids) })
            #expect(report == nil)
        }
    }

    /// Real memory for carved regions: the tiny pools (1 page: refused, as
    /// its bookkeeping leaves no page) and several regions with holes between
    /// them, given out of order, one overlapping, one with ragged edges.
    static let carvedTinyPools = RegionLayout(regions: [1, 2, 7, 16, 63, 64, 65, 127, 128, 130].enumerated().map { i, pages in
        (offset: (i * 37 % 64 + 1) * page, size: pages * page)
    }, baseAlignment: 1 << 18)
    static let carvedMultiRegion = RegionLayout(regions: [
        (offset: 0x30_3000, size: 70 * page),
        (offset: 0x5000, size: 10 * page),
        (offset: 0x10_0000 - 0x800, size: 40 * page + 0x1000),
        (offset: 0x30_8000, size: 5 * page),
        (offset: 0x9000, size: 2 * page),
        (offset: 0x40_0000, size: 600 * page),
        (offset: 0x1_0000, size: 3 * page),
    ], baseAlignment: 1 << 18)

    @Test func tinyPoolsCarvedWithTheShadow() {
        let arena = PoolArena(Self.carvedTinyPools)
        let report = modelCheckPageAllocator("bitmap pages, tiny pools, carved", regionSets: arena.regions.map { [$0] }, workload: Self.smallWorkload,
                                             runs: 8, steps: 200, mode: .shadow, geometry: .carvedBitmap(Pages.self),
                                             make: { Pages(bookkeeping: .carved) }, integrity: Self.integrity)
        #expect(report == nil)
    }

    @Test func multiRegionCarvedWithZ3AndShadow() {
        let arena = PoolArena(Self.carvedMultiRegion)
        let report = modelCheckPageAllocator("bitmap pages, multi-region, carved, z3", regionSets: [arena.regions], workload: Self.smallWorkload,
                                             runs: 3, steps: 120, mode: .z3AndShadow, geometry: .carvedBitmap(Pages.self),
                                             make: { Pages(bookkeeping: .carved) }, integrity: Self.integrity)
        #expect(report == nil)
    }

    @Test func multiRegionCarvedWithTheShadow() {
        let arena = PoolArena(Self.carvedMultiRegion)
        let report = modelCheckPageAllocator("bitmap pages, multi-region, carved", regionSets: [arena.regions], workload: Self.smallWorkload,
                                             runs: 20, steps: 300, mode: .shadow, geometry: .carvedBitmap(Pages.self),
                                             make: { Pages(bookkeeping: .carved) }, integrity: Self.integrity)
        #expect(report == nil)
    }

    @Test func theCarvedGeometryIsNotTheWholePages() {
        // The model runs above would pass vacuously if carving took nothing.
        let arena = PoolArena(Self.carvedMultiRegion)
        let region = arena.regions[0]
        let whole = PageModelGeometry.wholePages(pageSize: Self.page).managedUnits(region.start, region.size, 0)
        let carved = PageModelGeometry.carvedBitmap(Pages.self).managedUnits(region.start, region.size, 0)
        #expect(whole != nil && carved != nil && carved!.lowerBound == whole!.lowerBound + 1 && carved!.upperBound == whole!.upperBound)
        #expect(PageModelGeometry.carvedBitmap(Pages.self).managedUnits(arena.regions[1].start, Self.page, 0) == nil)
    }

    // MARK: The model has teeth

    @Test(arguments: PlantedBugPageAllocator<Pages>.Bug.allCases)
    func plantedBugIsCaughtByZ3AndShadow(bug: PlantedBugPageAllocator<Pages>.Bug) {
        let report = modelCheckPageAllocator(
            "bitmap pages with planted \(bug)", regionSets: [[(start: 0x13000, size: 100 * Self.page)]], workload: Self.smallWorkload,
            runs: 4, steps: 80, mode: .z3AndShadow, make: { PlantedBugPageAllocator(Pages(), bug: bug) },
            integrity: { integrityMessage($0.base) })
        #expect(report != nil, "planted bug \(bug) went unnoticed")
        #expect(report?.contains(bug.expectedReport) == true, "planted bug \(bug) caught for another reason: \(report ?? "")")
        #expect(report?.contains("\n# kind pages\n") == true)
    }

    @Test func aShrunkFailureIsAReplayableTrace() throws {
        let checker = PageModelChecker(regions: [(start: 0x13000, size: 100 * Self.page)], pageSize: Self.page)
        var random = SeededRandom.forTest("bitmap shrink")
        let steps = Self.smallWorkload.steps(200, using: &random)
        let make = { PlantedBugPageAllocator(Pages(), bug: .misalignedSinglePage) }
        let shrunk = try #require(checker.shrink(steps, make: make, integrity: { _ in nil }))
        #expect(shrunk.steps.count <= 4)
        let trace = renderPageTrace(name: "shrunk", pool: 100 * Self.page, pageSize: Self.page, steps: shrunk.steps)
        let ops = trace.split(separator: "\n").compactMap { TraceOp(line: $0) }
        #expect(ops.contains { if case .allocatePages(_, 1, let alignment) = $0 { alignment > Self.page } else { false } })
        #expect(checker.run(shrunk.steps, make: make, integrity: { _ in nil }) != nil)
    }
}
