import Allocators
import CAllocatorsMalloc

/// The heap of the process-wide `malloc`: the library's `GlobalAllocator`,
/// a TLSF byte heap grown from a bitmap page allocator over address space
/// mapped with `mmap` (`MappedPageAllocator`); with the slab backend
/// (`MALLOC_SLAB`), small requests go to a `SlabFront` first.
///
/// ```
///  malloc ──▶ GlobalAllocator ── below directPageThreshold ──▶ TLSF heap ── .noMemory: a run of pages ─┐
///                  └─ directPageThreshold or more: a run of whole pages ──▶ MappedPageAllocator ◀──────┘
///                                                   (bitmap over mmap; maps more when used up; freed runs released)
/// ```
///
/// - Growth, the `GlobalAllocator`'s policy: the heap starts with
///   `firstChunkPages` pages; on `.noMemory` it takes a run of at least what
///   the request needs and at least its own size so far (geometric), adds it
///   to TLSF and retries once. The page allocator maps more address space
///   when it has no such run.
/// - Direct runs: a request of `directPageThreshold` bytes or more is a run
///   of whole pages from the page allocator, recorded in the global
///   allocator's run table; its free releases the pages to the kernel
///   (`MappedPageAllocator`), as glibc unmaps a block it mapped.
/// - Free memory back: every `releaseInterval` frees, the whole pages of
///   every free block of `releaseBlockSize` bytes or more, in the TLSF heap
///   and in the slab front's backing heap, go back to the kernel
///   (`releaseFreeMemory`).
/// - Free by address, usable size and `realloc`: the global allocator's
///   `SizeRecordingAllocator` API (a direct run by its record, a heap block
///   by TLSF's header, each checked before anything changes: a double,
///   interior or foreign pointer is refused).
///
/// Not thread-safe: the C entry points (`exports.c`) hold a lock around
/// every call, so the global allocator's own lock is `NoLock`.
struct MallocBackend: ~Copyable {
    typealias Heap = GlobalAllocator<TLSFByteAllocator, MappedPageAllocator, NoLock>

    var heap = Heap(bytes: TLSFByteAllocator(), pages: MappedPageAllocator(),
                    firstChunkPages: MallocBackend.firstChunkPages, directPageThreshold: MallocBackend.directPageThreshold)
    /// 0 before set-up, 1 when set up, 2 when set-up failed (no address space).
    var state: UInt8 = 0
    /// Frees left before the next look for free memory to give back.
    var freesBeforeRelease = MallocBackend.releaseInterval
    #if MALLOC_SLAB
    var small = SlabFront()
    /// Whether small requests go to `small` (not in the internal heap,
    /// which serves the slab allocator's own storage).
    let usesSlab: Bool
    #endif

    /// A heap that maps its first reservation on first use; `slab`: with a
    /// slab front for small requests, when the backend has one.
    init(slab: Bool) {
        #if MALLOC_SLAB
        usesSlab = slab
        #endif
    }

    /// The minimum alignment of every block: two words, like glibc's.
    static var minimumAlignment: Int { 16 }
    /// Requests of this many bytes or more are runs of whole pages, released
    /// to the kernel when freed (measured: README, "Whole programs").
    static var directPageThreshold: Int { 64 << 10 }
    /// Pages of the TLSF heap's first run (1 MiB; TLSF's control structure
    /// takes 14,792 bytes of it).
    static var firstChunkPages: Int { 256 }
}

// MARK: Set-up

extension MallocBackend {
    /// Maps the first reservation and initializes the global allocator over
    /// it, once. False when that failed (then every allocation fails with
    /// `ENOMEM`).
    @inline(__always)
    mutating func ensureSetUp() -> Bool {
        if _fastPath(state == 1) { return true }
        return setUp()
    }

    @inline(never)
    mutating func setUp() -> Bool {
        guard state == 0 else { return state == 1 }
        state = 2
        if allocators_malloc_page_size() != UInt(bitPattern: MappedPageAllocator.pageSize) {
            allocators_malloc_fail("AllocatorsMalloc: the system's page size is not the 4096 bytes this malloc is built for\n")
        }
        // Halved while the kernel refuses (a strict overcommit limit, ulimit -v).
        var size = MappedPageAllocator.minimumReservation
        while size >= Self.smallestFirstReservation {
            if let start = MappedPageAllocator.map(size, accounted: false) {
                do throws(AllocError) { try heap.initialize(start: start, size: Int(bitPattern: size)) } catch { return false }
                #if MALLOC_SLAB
                if usesSlab { guard small.setUp() else { return false } }
                #endif
                state = 1
                return true
            }
            size >>= 1
        }
        return false
    }

    static var smallestFirstReservation: UInt { 4 << 20 }
}

// MARK: The four operations

extension MallocBackend {
    /// `byteCount` bytes aligned to `alignment` (a power of two of at least
    /// `minimumAlignment`), or nil when there is no room.
    ///
    /// - Complexity: O(1) in the heap, plus a run of pages when it grows;
    ///   a direct run: that of the bitmap's search, plus O(runs) for its record.
    @inline(__always)
    mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        guard ensureSetUp() else { return nil }
        #if MALLOC_SLAB
        if usesSlab, byteCount <= small.largestRequest, alignment == Self.minimumAlignment, let object = small.allocate(byteCount: byteCount) {
            return object
        }
        // Out of line: with the slab front, the TLSF paths are the cold ones (requests above 1 KiB).
        return allocateInHeapOutOfLine(byteCount: byteCount, alignment: alignment)
        #else
        return allocateInHeap(byteCount: byteCount, alignment: alignment)
        #endif
    }

    @inline(never)
    mutating func allocateInHeapOutOfLine(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        allocateInHeap(byteCount: byteCount, alignment: alignment)
    }

    /// `allocate` in the TLSF heap (and its direct runs).
    @inline(__always)
    mutating func allocateInHeap(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        #if PLANTED_MISALIGNED
        // Planted bug (program tests): blocks 8 bytes off their alignment.
        guard byteCount <= Int.max - 8 else { return nil }
        let byteCount = byteCount + 8
        #endif
        do throws(AllocError) {
            return plantedOffset(try heap.allocate(byteCount: byteCount, alignment: alignment))
        } catch {
            return nil
        }
    }

    /// Frees the live block at `pointer`; false (and nothing changes) when
    /// `pointer` is not one: a double free, a foreign or an interior pointer.
    ///
    /// - Complexity: O(1) in the heap (plus O(log runs) to rule out a direct
    ///   run); a direct run: O(runs), plus one `madvise`.
    @inline(__always)
    mutating func free(_ pointer: UnsafeMutableRawPointer) -> Bool {
        let pointer = plantedBlock(pointer)
        countFreeTowardsRelease()
        #if MALLOC_SLAB
        if usesSlab, small.contains(UInt(bitPattern: pointer)) { return small.free(pointer) }
        // Out of line: with the slab front, the TLSF paths are the cold ones (requests above 1 KiB).
        return freeInHeapOutOfLine(pointer)
        #else
        return freeInHeap(pointer)
        #endif
    }

    @inline(never)
    mutating func freeInHeapOutOfLine(_ pointer: UnsafeMutableRawPointer) -> Bool { freeInHeap(pointer) }

    /// `free` of a block of the TLSF heap (or a direct run).
    @inline(__always)
    mutating func freeInHeap(_ pointer: UnsafeMutableRawPointer) -> Bool {
        guard state == 1 else { return false }
        do throws(AllocError) {
            try heap.tryDeallocate(pointer)
        } catch {
            return false
        }
        return true
    }

    /// The bytes usable at `pointer` (at least what was asked for; a direct
    /// run: its whole pages), or 0 when `pointer` is not a live block.
    ///
    /// - Complexity: O(log runs).
    func usableSize(of pointer: UnsafeMutableRawPointer) -> Int {
        let pointer = plantedBlock(pointer)
        #if MALLOC_SLAB
        if usesSlab, small.contains(UInt(bitPattern: pointer)) { return small.classSize(at: UInt(bitPattern: pointer)) }
        #endif
        guard state == 1 else { return 0 }
        return heap.usableSize(of: pointer) ?? 0
    }

    /// What `reallocate` did.
    enum Reallocation {
        case done(UnsafeMutableRawPointer)
        /// No room: the block is unchanged.
        case noMemory
        /// `pointer` is not a live block.
        case invalidPointer
    }

    /// Resizes the live block at `pointer` to `byteCount` bytes: in place
    /// when the global allocator can (a heap block shrinking or growing into
    /// a free next block, a direct run keeping its page count), otherwise by
    /// moving it (contents kept up to the smaller size).
    ///
    /// - Complexity: O(1) in place; O(size) when it moves.
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int) -> Reallocation {
        let pointer = plantedBlock(pointer)
        #if MALLOC_SLAB
        if usesSlab, small.contains(UInt(bitPattern: pointer)) { return reallocateObject(pointer, byteCount: byteCount) }
        #endif
        // The global allocator traps on a pointer that is not a live block:
        // `realloc` reports it instead.
        guard state == 1, heap.usableSize(of: pointer) != nil else { return .invalidPointer }
        #if PLANTED_MISALIGNED
        guard byteCount <= Int.max - 8 else { return .noMemory }
        let byteCount = byteCount + 8
        #endif
        do throws(AllocError) {
            return .done(plantedOffset(try heap.reallocate(pointer, newByteCount: byteCount, alignment: Self.minimumAlignment)).unsafelyUnwrapped)
        } catch {
            return .noMemory
        }
    }
}

// MARK: Giving free memory back

extension MallocBackend {
    /// Frees between two looks for free memory to give back.
    static var releaseInterval: UInt32 { 1 << 14 }
    /// Free blocks of at least this many bytes (the direct-run threshold)
    /// give their whole pages back to the kernel.
    static var releaseBlockSize: Int { directPageThreshold }

    /// Counts a free; every `releaseInterval` frees, gives free memory back.
    @inline(__always)
    mutating func countFreeTowardsRelease() {
        freesBeforeRelease &-= 1
        if _slowPath(freesBeforeRelease == 0) { releaseFreeMemory() }
    }

    /// Gives the whole pages of every free block of at least
    /// `releaseBlockSize` bytes, in the TLSF heap and in the slab front's
    /// backing heap, back to the kernel with `madvise(MADV_DONTNEED)`: they
    /// stay mapped and free, and read as zero when next touched
    /// (`ReleasableMemoryAllocator`; evidence: `malloc_api_test.c`, the
    /// resident set falls after many small frees; planted bug
    /// `PLANTED_FREE_MEMORY_NOT_RELEASED`).
    ///
    /// - Complexity: O(free lists of those sizes + their blocks), one
    ///   `madvise` per block; once per `releaseInterval` frees.
    @inline(never)
    mutating func releaseFreeMemory() {
        freesBeforeRelease = Self.releaseInterval
        #if !PLANTED_FREE_MEMORY_NOT_RELEASED
        guard state == 1 else { return }
        heap.forEachReleasableRange(minimumBlockSize: Self.releaseBlockSize, pageSize: MappedPageAllocator.pageSize) { start, byteCount in
            allocators_malloc_release_pages(UnsafeMutableRawPointer(bitPattern: start), byteCount)
        }
        #if MALLOC_SLAB
        if usesSlab, let slab = small.slab {
            slab.pointee.forEachReleasableRange(minimumBlockSize: Self.releaseBlockSize, pageSize: MappedPageAllocator.pageSize) { start, byteCount in
                allocators_malloc_release_pages(UnsafeMutableRawPointer(bitPattern: start), byteCount)
            }
        }
        #endif
        #endif
    }
}

#if MALLOC_SLAB
extension MallocBackend {
    /// `reallocate` of a slab object: in place when the new size has the
    /// same class, else moved (to the slab or to the heap).
    mutating func reallocateObject(_ pointer: UnsafeMutableRawPointer, byteCount: Int) -> Reallocation {
        let size = small.classSize(at: UInt(bitPattern: pointer))
        guard size != 0 else { return .invalidPointer }
        if small.fitsInPlace(pointer, byteCount: byteCount) { return .done(pointer) }
        guard let moved = allocate(byteCount: byteCount, alignment: Self.minimumAlignment) else { return .noMemory }
        moved.copyMemory(from: pointer, byteCount: min(size, byteCount))
        // A live object is not handed out again: if it was, `pointer` was
        // not live (its slab had gone and came back for the new object).
        guard moved != pointer, small.free(pointer) else {
            // Not a live object after all: undo, and report it.
            _ = free(moved)
            return .invalidPointer
        }
        return .done(moved)
    }
}
#endif

// MARK: Planted bugs

extension MallocBackend {
    /// The pointer handed out for a block (`PLANTED_MISALIGNED`: 8 bytes in).
    @inline(__always)
    func plantedOffset(_ block: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
        #if PLANTED_MISALIGNED
        return block.map { $0 + 8 }
        #else
        return block
        #endif
    }

    /// The block of a pointer handed out (the inverse of `plantedOffset`).
    @inline(__always)
    func plantedBlock(_ pointer: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        #if PLANTED_MISALIGNED
        return UInt(bitPattern: pointer) & 15 == 8 ? pointer - 8 : pointer
        #else
        return pointer
        #endif
    }
}
