#if Bitmap
/// A page allocator over a hierarchical bitmap: lowest-address first fit,
/// any power-of-two alignment (for every count, one page included), several
/// regions far apart, and a bitmap that lives in storage the allocator owns,
/// so the managed memory (possibly physical) is never touched.
///
/// `bytesPerPage` is the page size, a power of two (checked at `init`):
/// `BitmapPageAllocator<4096>()`. Each region is a `BitmapRegion`: one bit per
/// page and a run tree over them, up to 2^30 pages (4 TiB of 4 KiB pages) per region
/// on 64-bit targets.
///
/// ```
/// run tree        [p s l]    per node: free pages at each end, longest free run
///                    |
/// leaf words      [64 pages][64 pages] ...        bit = 1: the page is free
/// pages           base ......................... base + size
/// ```
///
/// Alignment is of the address, not of the bit index: a region whose base is
/// only page-aligned still returns addresses that are multiples of the
/// requested alignment.
public struct BitmapPageAllocator<let bytesPerPage: Int>: PageAllocator, ~Copyable {
    @usableFromInline var bitmap: HierarchicalBitmap

    /// An allocator managing no memory yet.
    public init() {
        precondition(bytesPerPage > 0 && Kernels.isPowerOfTwo(UInt(bitPattern: bytesPerPage)),
                     "BitmapPageAllocator: the page size must be a power of two")
        bitmap = HierarchicalBitmap()
    }

    deinit { bitmap.release() }

    public static var pageSize: Int { bytesPerPage }

    @usableFromInline static var pageShift: UInt { UInt(bytesPerPage.trailingZeroBitCount) }

    /// Pages managed.
    public var totalPages: Int { bitmap.totalUnits }
    /// Pages allocated.
    public var usedPages: Int { bitmap.usedUnits }
    /// `totalPages - usedPages`.
    public var availablePages: Int { bitmap.totalUnits &- bitmap.usedUnits }

    /// Whether the page holding `address` is managed.
    ///
    /// - Complexity: O(regions).
    public func manages(_ address: UInt) -> Bool { bitmap.region(holding: address &>> Self.pageShift, count: 1) != nil }

    /// Checks every bitmap invariant; nil when they hold, else what broke.
    /// - Complexity: O(totalPages / word width).
    public func checkIntegrity() throws(IntegrityViolation) {
        if let problem = bitmap.integrityViolation() { throw IntegrityViolation("bitmap", problem) }
    }
}

extension BitmapPageAllocator {
    /// Manages the whole pages inside `start ..< start + size`.
    ///
    /// Throws `.invalidParam` when the region holds no whole page, wraps the
    /// address space or exceeds the per-region limit, and `.memoryOverlap`
    /// when one of its pages is already managed; changes nothing then.
    /// - Complexity: O(pages / word width + regions).
    public mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        try addMemory(start: start, size: size)
    }

    /// Adds the whole pages inside `start ..< start + size`, anywhere in the
    /// address space (regions far apart cost only their own pages).
    /// Errors as for `initialize(start:size:)`.
    /// - Complexity: O(pages / word width + regions).
    @inline(never)
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        guard let end = regionEnd(start: start, size: size) else { throw .invalidParam }
        let page = UInt(bytesPerPage)
        let first = Kernels.alignUp(start, to: page)
        guard !first.overflow else { throw .invalidParam }
        let firstPage = first.value &>> Self.pageShift
        let endPage = Kernels.alignDown(end, to: page) &>> Self.pageShift
        guard firstPage < endPage else { throw .invalidParam }
        try bitmap.addRegion(start: firstPage, end: endPage)
    }
}
#endif
