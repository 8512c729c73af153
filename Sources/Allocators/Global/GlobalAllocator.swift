/// A global allocator for a kernel or a whole program: a byte allocator
/// that grows from a page allocator, as ArceOS composes the seed crate's
/// allocators.
///
/// ```
///  initialize / addMemory ──▶ Pages (BitmapPageAllocator: carved or buffer bookkeeping)
///                               │ runs of pages                ▲ freed runs
///        byteCount < threshold  ▼                              │
///  allocate ──▶ Bytes (TLSF, slab over TLSF) ── .noMemory ──▶ grow: a run of
///        │                                                      max(request's region, heap so far)
///        └─ byteCount >= directPageThreshold ──▶ Pages directly (a run of whole pages)
/// ```
///
/// Policy, stated and tested (`GlobalAllocatorTests`):
/// - Memory given with `initialize(start:size:)` and `addMemory` goes to the
///   page allocator; the allocator's own state (the two allocators and its
///   counters) is carved from the start of the region given to `initialize`,
///   so no platform allocator is needed anywhere (the page allocator's own
///   bookkeeping is whatever `BookkeepingStorage` it was made with: give it
///   `.carved` or `.buffer(_:)`).
/// - The byte heap starts with `firstChunkPages` pages (taken at
///   `initialize` if the pages allow, else at the first allocation).
/// - A request below `directPageThreshold` bytes goes to the byte heap. On
///   `.noMemory` the heap grows: a run of pages of at least
///   `Bytes.regionSize(serving:)` for the request (so the retry is
///   guaranteed to succeed in it) and at least as much as the heap already
///   has (geometric growth: O(log) regions), or, when no run that large is
///   free, the smallest run that serves the request; it is added with
///   `addMemory` (the first with `initialize`) and the request retried once.
///   If the byte heap refuses the run (its region table is full), the run
///   goes back to the page allocator and the request fails with `.noMemory`.
/// - A request of `directPageThreshold` bytes or more is a run of whole pages
///   straight from the page allocator (aligned to at least a page), recorded
///   in a table of direct runs kept in the byte heap, so it can be freed by
///   size or by address and its size checked.
///
/// Thread safety comes from `Lock`: every operation runs under
/// `lock.withLock`. The operations do not mutate the struct (its state
/// lives in the memory it manages), so one `GlobalAllocator` can be shared:
/// a `let` of a `GlobalAllocator<…, MutexLock>` or `<…, SpinLock>` is
/// `Sendable` by its lock.
///
/// - Complexity: an allocation or free is that of `Bytes` or `Pages`; a
///   growth adds one page allocation and one `addMemory`; a direct run adds
///   O(log runs) to find its record, O(runs) to insert or remove it.
public struct GlobalAllocator<
    Bytes: GrowableByteAllocator & ~Copyable, Pages: PageAllocator & ~Copyable, Lock: AllocatorLock & ~Copyable
>: ~Copyable {
    @usableFromInline let lock: Lock
    /// The state before `initialize`.
    @usableFromInline var pending: GlobalAllocatorState<Bytes, Pages>?
    /// The state after `initialize`, carved from the first region.
    @usableFromInline var state: UnsafeMutablePointer<GlobalAllocatorState<Bytes, Pages>>?

    /// A global allocator over `bytes` and `pages` (both empty), with
    /// `firstChunkPages` pages for the byte heap's first region and requests
    /// of `directPageThreshold` bytes or more served by runs of pages
    /// (`Int.max`: never).
    public init(
        bytes: consuming Bytes, pages: consuming Pages, lock: consuming Lock = Lock(),
        firstChunkPages: Int = 16, directPageThreshold: Int = 64 << 10
    ) {
        self.lock = lock
        pending = GlobalAllocatorState(
            bytes: bytes, pages: pages, firstChunkPages: Swift.max(firstChunkPages, 1),
            directPageThreshold: Swift.max(directPageThreshold, Pages.pageSize))
        state = nil
    }

    /// An allocator with planted bugs, for the tests that must catch them.
    @_spi(Testing)
    public init(
        bytes: consuming Bytes, pages: consuming Pages, firstChunkPages: Int, directPageThreshold: Int,
        plantedBug: GlobalAllocatorPlantedBug
    ) {
        self.init(bytes: bytes, pages: pages, firstChunkPages: firstChunkPages, directPageThreshold: directPageThreshold)
        pending!.plantedBug = plantedBug.rawValue
    }

    deinit {
        if let state { state.deinitialize(count: 1) }
    }

    /// Bytes of one page.
    @inlinable
    public static var pageSize: Int { Pages.pageSize }
}

/// Bugs a test plants in a `GlobalAllocator` to see the model checks catch them.
@_spi(Testing)
public enum GlobalAllocatorPlantedBug: UInt8, Sendable {
    case none = 0
    /// Growth starts a new byte heap over the new run, forgetting the old
    /// regions (and the blocks live in them).
    case growthLosesOldRegions
    /// When the byte heap refuses a grown run, the run is not returned.
    case leakRunWhenBytesRefuse
}

/// What a `GlobalAllocator` keeps, in the memory it manages.
@usableFromInline
struct GlobalAllocatorState<Bytes: ~Copyable, Pages: ~Copyable>: ~Copyable {
    @usableFromInline var bytes: Bytes
    @usableFromInline var pages: Pages
    @usableFromInline let firstChunkPages: Int
    @usableFromInline let directPageThreshold: Int
    /// Whether the byte heap has a region yet.
    @usableFromInline var heapStarted = false
    /// Bytes of the runs given to the byte heap, and how many.
    @usableFromInline var heapRunBytes = 0
    @usableFromInline var heapRunCount = 0
    /// The live direct runs, in a block of the byte heap.
    @usableFromInline var directRuns = DirectRunTable()
    /// Bytes of the live direct runs.
    @usableFromInline var directBytes = 0
    /// What the run table's block counts in the byte heap's `usedBytes`
    /// (left out of the statistics: it is the allocator's own bookkeeping).
    @usableFromInline var runTableHeapBytes = 0
    /// Pages handed out by `allocatePages` and not yet freed.
    @usableFromInline var pagesTakenDirectly = 0
    /// The region `initialize` carved this state from.
    @usableFromInline var carvedStart: UInt = 0
    @usableFromInline var carvedEnd: UInt = 0
    /// A `GlobalAllocatorPlantedBug`'s raw value (0: none).
    @usableFromInline var plantedBug: UInt8 = 0

    @usableFromInline
    init(bytes: consuming Bytes, pages: consuming Pages, firstChunkPages: Int, directPageThreshold: Int) {
        self.bytes = bytes
        self.pages = pages
        self.firstChunkPages = firstChunkPages
        self.directPageThreshold = directPageThreshold
    }
}

// MARK: Geometry, for the reference model

extension GlobalAllocator where Bytes: ~Copyable, Pages: ~Copyable, Lock: ~Copyable {
    /// The addresses blocks can occupy in a region given to `initialize`
    /// (`initial`: after the carved state) or `addMemory`: its whole pages,
    /// less what the page allocator carves when its storage is carved. Nil
    /// when the region cannot hold the state and a page.
    public static func usableRange(start: UInt, size: Int, initial: Bool) -> (lower: UInt, upper: UInt)? {
        guard let end = regionEnd(start: start, size: size) else { return nil }
        var lower = start
        if initial {
            typealias State = GlobalAllocatorState<Bytes, Pages>
            let at = Kernels.alignUp(start, to: UInt(bitPattern: MemoryLayout<State>.alignment))
            guard !at.overflow, at.value <= end, UInt(bitPattern: MemoryLayout<State>.size) < end &- at.value else { return nil }
            lower = at.value &+ UInt(bitPattern: MemoryLayout<State>.size)
        }
        let page = UInt(bitPattern: Pages.pageSize)
        let first = Kernels.alignUp(lower, to: page)
        let last = Kernels.alignDown(end, to: page)
        guard !first.overflow, first.value < last else { return nil }
        return (first.value, last)
    }
}
