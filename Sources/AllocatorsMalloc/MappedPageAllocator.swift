import Allocators
import CAllocatorsMalloc

/// The page allocator under the malloc's `GlobalAllocator`: the library's
/// `BitmapPageAllocator<4096>` over address space mapped with `mmap`, which
/// maps more address space itself when it runs out and gives the pages of
/// every run freed back to the kernel.
///
/// - **Address space**: each reservation is mapped readable and writable
///   with `MAP_NORESERVE` (`allocators_malloc_map`): the kernel commits a
///   page when it is first touched, so an untouched page costs nothing. The
///   bitmap's bookkeeping is carved from the first pages of each reservation
///   (`.carved`, about 0.3 bytes per page): no heap anywhere.
/// - **More when used up**: when no free run serves `allocatePages`, a new
///   reservation is mapped, added with `addMemory` and the request retried
///   once. It is at least `minimumReservation` and at least the bytes
///   reserved so far (so reservations stay O(log) of the memory used, and the
///   byte heap's next geometric run always finds room: its pool table never
///   fills with small runs). A request larger than that gets a reservation of
///   its own size, mapped without `MAP_NORESERVE`, so that the kernel refuses
///   what the machine could never hold, as it refuses glibc's own `mmap` of a
///   large block.
/// - **Pages back to the kernel**: every run freed (the `GlobalAllocator`'s
///   direct runs, of `directPageThreshold` bytes or more, and a run its byte
///   heap refused) has its pages released with `madvise(MADV_DONTNEED)` once
///   the bitmap has taken it back. The address range stays mapped for the
///   next run. So every page this allocator hands out reads as zero (fresh
///   from `mmap`, or released since it was last used), which `calloc` relies
///   on for direct runs (`MallocAPI.swift`). Evidence: `malloc_api_test.c`
///   (the resident set falls after a large free; `calloc` of a size freed
///   dirty reads zero), with the planted bug `PLANTED_RUN_NOT_RELEASED`.
///
/// Not thread-safe: it runs under the lock of the C entry points.
struct MappedPageAllocator: PageAllocator, ~Copyable {
    var pages = BitmapPageAllocator<4096>(bookkeeping: .carved)
    /// Bytes mapped so far, and in how many reservations.
    var reservedBytes: UInt = 0
    var reservationCount = 0

    init() {}

    static var pageSize: Int { 4096 }

    /// The smallest reservation: its bookkeeping (about 20 KiB) is touched
    /// when it is added.
    static var minimumReservation: UInt { 256 << 20 }

    /// Maps a reservation of at least `size` bytes (a multiple of the page
    /// size), `accounted` or not (see `allocators_malloc_map`); its start, or
    /// nil when the kernel refuses.
    static func map(_ size: UInt, accounted: Bool) -> UInt? {
        guard let start = allocators_malloc_map(Int(bitPattern: size), accounted) else { return nil }
        return UInt(bitPattern: start)
    }

    // MARK: BaseAllocator (forwarded, counting the reservations)

    mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        try pages.initialize(start: start, size: size)
        record(size)
    }

    mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        try pages.addMemory(start: start, size: size)
        record(size)
    }

    private mutating func record(_ size: Int) {
        reservedBytes &+= UInt(bitPattern: size)
        reservationCount &+= 1
    }

    func manages(_ address: UInt) -> Bool { pages.manages(address) }

    func checkIntegrity() throws(IntegrityViolation) { try pages.checkIntegrity() }

    var totalPages: Int { pages.totalPages }
    var usedPages: Int { pages.usedPages }
    var availablePages: Int { pages.availablePages }

    // MARK: Allocation, growing the address space

    /// The lowest free run of `count` pages at a multiple of `alignment`;
    /// when there is none, maps a new reservation that holds one and retries.
    /// Throws as `BitmapPageAllocator.allocatePages`, `.noMemory` also when
    /// the kernel maps no more.
    ///
    /// - Complexity: that of `BitmapPageAllocator.allocatePages`, plus one
    ///   `mmap` and one `addMemory` (O(pages of the new reservation / 64))
    ///   when the address space grows.
    @inline(__always)
    mutating func allocatePages(count: Int, alignment: Int) throws(AllocError) -> UInt {
        do throws(AllocError) {
            return try pages.allocatePages(count: count, alignment: alignment)
        } catch {
            guard error == .noMemory else { throw error }
        }
        try reserve(serving: count, alignment: alignment)
        return try pages.allocatePages(count: count, alignment: alignment)
    }

    /// Maps and adds a reservation holding a run of `count` pages at a
    /// multiple of `alignment` (see the policy above); `.noMemory`, changing
    /// nothing, when the kernel refuses or the bitmap cannot take it.
    @inline(never)
    mutating func reserve(serving count: Int, alignment: Int) throws(AllocError) {
        let page = UInt(bitPattern: Self.pageSize)
        let granule = Self.reservationGranule
        // The run, the slack its alignment needs, and its bookkeeping (under
        // half a byte per page, the region table's growth included) with a
        // page to spare.
        let (runBytes, runOverflow) = UInt(bitPattern: count).multipliedReportingOverflow(by: page)
        let slack = UInt(bitPattern: alignment) &- page
        guard !runOverflow, runBytes <= UInt(bitPattern: Int.max) / 2, slack <= UInt(bitPattern: Int.max) / 4 else { throw .noMemory }
        let bookkeeping = (UInt(bitPattern: count) / 2 + 2 &* page &+ UInt(bitPattern: reservationCount &* 64)) & ~(page &- 1)
        let needed = (runBytes &+ slack &+ bookkeeping &+ page &+ granule &- 1) & ~(granule &- 1)
        let geometric = max(Self.minimumReservation, reservedBytes)
        var size = max(needed, geometric)
        var start = Self.map(size, accounted: needed > geometric)
        if start == nil, size > needed {
            size = needed  // short of address space: just what the request needs
            start = Self.map(size, accounted: true)
        }
        guard let start else { throw .noMemory }
        do throws(AllocError) {
            try addMemory(start: start, size: Int(bitPattern: size))
        } catch {
            allocators_malloc_unmap(UnsafeMutableRawPointer(bitPattern: start), Int(bitPattern: size))
            throw .noMemory
        }
    }

    /// Reservations are multiples of this (a multiple of every page size
    /// Linux uses on x86-64).
    static var reservationGranule: UInt { 2 << 20 }

    mutating func allocatePages(at address: UInt, count: Int, alignment: Int) throws(AllocError) -> UInt {
        try pages.allocatePages(at: address, count: count, alignment: alignment)
    }

    // MARK: Free, releasing the pages

    /// Frees the run and releases its pages (see the policy above); traps,
    /// changing nothing, on anything `tryDeallocatePages` refuses.
    @inline(__always)
    mutating func deallocatePages(at address: UInt, count: Int) {
        do throws(AllocError) { try tryDeallocatePages(at: address, count: count) } catch {
            allocators_malloc_fail("AllocatorsMalloc: freeing pages that are not an allocated run\n")
        }
    }

    /// Frees the run (checked by the bitmap first) and releases its pages,
    /// or throws `.notAllocated` and changes nothing.
    ///
    /// - Complexity: that of `BitmapPageAllocator.tryDeallocatePages`, plus
    ///   one `madvise`.
    @inline(__always)
    mutating func tryDeallocatePages(at address: UInt, count: Int) throws(AllocError) {
        try pages.tryDeallocatePages(at: address, count: count)
        #if !PLANTED_RUN_NOT_RELEASED  // planted bug (program tests): freed runs keep their pages
        allocators_malloc_release_pages(UnsafeMutableRawPointer(bitPattern: address), count &* Self.pageSize)
        #endif
    }
}
