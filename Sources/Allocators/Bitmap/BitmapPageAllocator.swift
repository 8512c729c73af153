#if Bitmap
/// A page allocator over a hierarchical bitmap: lowest-address first fit,
/// any power-of-two alignment (for every count, one page included), several
/// regions far apart, and a bitmap that lives in bookkeeping storage the
/// caller chooses, so the managed memory (possibly physical) is never touched
/// unless the bookkeeping is carved from it.
///
/// `bytesPerPage` is the page size, a power of two (checked at `init`):
/// `BitmapPageAllocator<4096>()`. Each region is a `BitmapRegion`: one bit per
/// page and a run tree over them, up to 2^30 pages (4 TiB of 4 KiB pages) per
/// region on 64-bit targets (2^28 on 32-bit ones), in a region table that
/// every lookup binary-searches.
///
/// ```
/// run tree        [p s l]    per node: free pages at each end, longest free run
///                    |
/// leaf words      [64 pages][64 pages] ...        bit = 1: the page is free
/// pages           base ......................... base + size
/// ```
///
/// Bookkeeping (`init(bookkeeping:)`): `.platform` (the default) allocates
/// it, and the regions may then be addresses the program cannot touch;
/// `.buffer(_:)` takes it from a caller's buffer and `.carved` from the first
/// pages of each region, which are then not managed: with either, no heap is
/// needed, so this can be a kernel's first allocator. A region of n pages
/// takes `bookkeepingByteCount(start:size:regionsBefore:)` bytes: under 0.4
/// bytes per page on 64-bit targets, plus the region table's growth
/// (`BitmapRegion.Layout`); carved, that many bytes rounded up to whole pages.
///
/// Alignment is of the address, not of the bit index: a region whose base is
/// only page-aligned still returns addresses that are multiples of the
/// requested alignment.
public struct BitmapPageAllocator<let bytesPerPage: Int>: PageAllocator, ~Copyable {
    @usableFromInline var bitmap: HierarchicalBitmap

    /// An allocator managing no memory yet, whose bookkeeping comes from
    /// `bookkeeping` (`.platform` unless told otherwise).
    public init(bookkeeping: BookkeepingStorage = .platform) {
        precondition(bytesPerPage > 0 && Kernels.isPowerOfTwo(UInt(bitPattern: bytesPerPage)),
                     "BitmapPageAllocator: the page size must be a power of two")
        bitmap = HierarchicalBitmap(bookkeeping: bookkeeping)
    }

    deinit { bitmap.release() }

    public static var pageSize: Int { bytesPerPage }

    @usableFromInline static var pageShift: UInt { UInt(bytesPerPage.trailingZeroBitCount) }

    /// Pages managed (carved pages are not).
    public var totalPages: Int { bitmap.totalUnits }
    /// Pages allocated.
    public var usedPages: Int { bitmap.usedUnits }
    /// `totalPages - usedPages`.
    public var availablePages: Int { bitmap.totalUnits &- bitmap.usedUnits }

    /// Whether the page holding `address` is one of the whole pages of a
    /// region given (carved pages included): the region table's lookup.
    ///
    /// - Complexity: O(log regions).
    public func manages(_ address: UInt) -> Bool { bitmap.isInRegion(address &>> Self.pageShift) }

    /// Checks every bitmap invariant (`HierarchicalBitmap.checkIntegrity`) and
    /// throws the first violation, at the address of the page concerned.
    /// - Complexity: O(regions + totalPages / word width).
    public func checkIntegrity() throws(IntegrityViolation) {
        try bitmap.checkIntegrity(unitShift: Self.pageShift)
    }

    /// Bytes of bookkeeping the region `start ..< start + size` takes when
    /// `regionsBefore` regions are managed already: its leaves and run tree
    /// (`BitmapRegion.Layout`), plus the region table's doubling after 0, 1,
    /// 2, 4, ... regions. A `.buffer(_:)` (word-aligned) of the sum over the
    /// regions to be added holds them exactly; `.carved` takes the same bytes
    /// from the region's first whole pages, rounded up to whole pages. Nil
    /// when the region has no whole page or more than the per-region limit.
    /// Evidence: `BitmapBookkeepingTests` (an exact buffer suffices, a byte
    /// less is `.noMemory`), and the model checks over carved storage.
    public static func bookkeepingByteCount(start: UInt, size: Int, regionsBefore: Int = 0) -> Int? {
        guard let pages = wholePages(start: start, size: size) else { return nil }
        return HierarchicalBitmap.bookkeepingByteCount(start: pages.first, end: pages.end, regionsBefore: regionsBefore)
    }
}

extension BitmapPageAllocator {
    /// The page numbers of the whole pages inside `start ..< start + size`,
    /// or nil when the region is empty, negative or wraps, or holds no whole page.
    @inlinable
    static func wholePages(start: UInt, size: Int) -> (first: UInt, end: UInt)? {
        guard let end = regionEnd(start: start, size: size) else { return nil }
        let page = UInt(bytesPerPage)
        let first = Kernels.alignUp(start, to: page)
        guard !first.overflow else { return nil }
        let firstPage = first.value &>> Self.pageShift, endPage = Kernels.alignDown(end, to: page) &>> Self.pageShift
        return firstPage < endPage ? (firstPage, endPage) : nil
    }

    /// Manages the whole pages inside `start ..< start + size`.
    ///
    /// Throws by the region rule of `BaseAllocator`: `.invalidParam` when the
    /// region is empty, negative, wraps the address space or holds no whole
    /// page, `.memoryOverlap` when one of its pages lies in a region given
    /// already; then `.invalidParam` when the allocator is initialized
    /// already, the region exceeds the per-region limit or (carved) cannot
    /// hold its bookkeeping and a page, and `.noMemory` when a caller's buffer
    /// has no room for its bookkeeping. Changes nothing then.
    /// - Complexity: O(pages / word width + regions).
    public mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        guard bitmap.table.count == 0 else {
            // The region rule first: a region meeting the managed ones is an overlap.
            guard let pages = Self.wholePages(start: start, size: size) else { throw .invalidParam }
            _ = try bitmap.table.admit(start: pages.first, size: Int(bitPattern: pages.end &- pages.first))
            throw .invalidParam
        }
        try addMemory(start: start, size: size)
    }

    /// Adds the whole pages inside `start ..< start + size`, anywhere in the
    /// address space (regions far apart cost only their own pages).
    /// Errors as for `initialize(start:size:)`, but for a second region.
    /// - Complexity: O(pages / word width + regions).
    @inline(never)
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        guard let pages = Self.wholePages(start: start, size: size) else { throw .invalidParam }
        try bitmap.addRegion(start: pages.first, end: pages.end, unitShift: Self.pageShift)
        checkInvariants()
    }
}
#endif
