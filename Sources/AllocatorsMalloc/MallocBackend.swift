import Allocators
import CAllocatorsMalloc

/// The byte-allocator side of the process-wide `malloc`: a TLSF heap over
/// address space reserved at start-up and committed in chunks as it grows;
/// with the slab backend (`MALLOC_SLAB`), small requests go to a
/// `SlabFront` in a reservation of its own.
///
/// Everything `malloc` needs from an allocator goes through these four
/// operations, so replacing the heap (by a `GlobalAllocator` over a page
/// allocator, once the library has one) changes this type only:
/// `allocate`, `free`, `usableSize`, `reallocate`.
///
/// Growth: the first chunk is `firstChunk` bytes; when TLSF answers
/// `.noMemory`, the next chunk of the reservation (at least what the request
/// needs in a fresh pool, and at least as much as the heap already has, so
/// the number of chunks stays logarithmic in the heap's size) is committed,
/// given to TLSF with `addMemory`, and the request retried once.
///
/// Pages back to the operating system: see `releaseFreedPages`.
///
/// Not thread-safe: the C entry points (`exports.c`) hold a lock around
/// every call.
struct MallocBackend: ~Copyable {
    var heap = TLSFByteAllocator()
    var space: AddressSpace
    /// 0 before set-up, 1 when set up, 2 when set-up failed (no address space).
    var state: UInt8 = 0
    #if MALLOC_SLAB
    var small = SlabFront()
    /// Whether small requests go to `small` (not in the internal heap,
    /// which serves the slab allocator's own storage).
    let usesSlab: Bool
    #endif

    /// A heap that will reserve `reservation` bytes of address space (or
    /// less, when the kernel refuses) on first use; `slab`: with a slab
    /// front for small requests, when the backend has one.
    init(reservation: UInt, slab: Bool) {
        space = AddressSpace(preferredReservation: reservation)
        #if MALLOC_SLAB
        usesSlab = slab
        #endif
    }

    /// The minimum alignment of every block: two words, like glibc's.
    static var minimumAlignment: Int { 16 }
    /// Bytes of the first chunk (the TLSF control structure takes 14,792 of them).
    static var firstChunk: UInt { 4 << 20 }
    /// Chunks are multiples of this (a multiple of any page size Linux uses on x86-64).
    static var chunkGranule: UInt { 1 << 20 }
}

// MARK: Set-up and growth

extension MallocBackend {
    /// Reserves the address space and gives TLSF its first chunk, once.
    /// False when that failed (then every allocation fails with `ENOMEM`).
    @inline(__always)
    mutating func ensureSetUp() -> Bool {
        if _fastPath(state == 1) { return true }
        return setUp()
    }

    @inline(never)
    mutating func setUp() -> Bool {
        guard state == 0 else { return state == 1 }
        state = 2
        pageSize = UInt(bitPattern: allocators_malloc_page_size())
        guard space.reserve(), let first = space.commit(Self.firstChunk) else { return false }
        do throws(AllocError) { try heap.initialize(start: first, size: Int(bitPattern: Self.firstChunk)) } catch { return false }
        #if MALLOC_SLAB
        if usesSlab { guard small.setUp() else { return false } }
        #endif
        state = 1
        return true
    }

    /// Commits a chunk that can serve `byteCount` bytes aligned to
    /// `alignment` and gives it to TLSF; false when the reservation (or the
    /// kernel) has no more.
    @inline(never)
    mutating func grow(byteCount: Int, alignment: Int) -> Bool {
        // A fresh pool serving the request: the gap that guarantees it, plus
        // the pool's sentinel and alignment slack.
        guard let gap = TLSFByteAllocator.requiredGap(byteCount: byteCount, alignment: alignment) else { return false }
        let overhead = UInt(bitPattern: 4 &* TLSFByteAllocator.granularity)
        guard gap <= UInt.max &- overhead &- Self.chunkGranule else { return false }
        let needed = gap &+ overhead
        var size = max(needed, UInt(bitPattern: heap.totalBytes), Self.firstChunk)
        size = (size &+ Self.chunkGranule &- 1) & ~(Self.chunkGranule &- 1)
        if size > space.uncommitted {
            // Short of the geometric size: what is left, if it serves the request.
            size = space.uncommitted & ~(pageSize &- 1)
            guard size >= needed else { return false }
        }
        guard let start = space.commit(size) else { return false }
        do throws(AllocError) { try heap.addMemory(start: start, size: Int(bitPattern: size)) } catch { return false }
        return true
    }
}

// MARK: The four operations

extension MallocBackend {
    /// `byteCount` bytes aligned to `alignment` (a power of two of at least
    /// `minimumAlignment`), or nil when the request is too large for the
    /// address space.
    ///
    /// - Complexity: O(1), plus a chunk commit when the heap grows.
    @inline(__always)
    mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        guard ensureSetUp() else { return nil }
        #if MALLOC_SLAB
        if usesSlab, byteCount <= small.largestRequest, alignment == Self.minimumAlignment, let object = small.allocate(byteCount: byteCount) {
            return object
        }
        #endif
        #if PLANTED_MISALIGNED
        // Planted bug (program tests): blocks 8 bytes off their alignment.
        guard byteCount <= Int.max - 8 else { return nil }
        let byteCount = byteCount + 8
        #endif
        do throws(AllocError) {
            return plantedOffset(try heap.allocate(byteCount: byteCount, alignment: alignment))
        } catch {
            return plantedOffset(allocateAfterGrowing(byteCount: byteCount, alignment: alignment, error: error))
        }
    }

    @inline(never)
    mutating func allocateAfterGrowing(byteCount: Int, alignment: Int, error: AllocError) -> UnsafeMutableRawPointer? {
        guard error == .noMemory, grow(byteCount: byteCount, alignment: alignment) else { return nil }
        return try? heap.allocate(byteCount: byteCount, alignment: alignment)
    }

    /// Frees the live block at `pointer`; false (and nothing changes) when
    /// `pointer` is not one: a double free, a foreign or an interior pointer
    /// (TLSF's `tryDeallocate` checks the block; the headers read before it
    /// are only used once it has accepted the block).
    ///
    /// - Complexity: O(1), plus one `madvise` when pages go back.
    @inline(__always)
    mutating func free(_ pointer: UnsafeMutableRawPointer) -> Bool {
        let pointer = plantedBlock(pointer)
        #if MALLOC_SLAB
        if usesSlab, small.contains(UInt(bitPattern: pointer)) { return small.free(pointer) }
        #endif
        guard state == 1, let freed = FreedExtent(payload: UInt(bitPattern: pointer), in: space) else { return false }
        do throws(AllocError) {
            try heap.tryDeallocate(pointer, byteCount: 0, alignment: 1)
        } catch {
            return false
        }
        if _slowPath(freed.mergedSize >= Self.releaseThreshold) { releaseFreedPages(freed) }
        return true
    }

    /// The bytes usable at `pointer` (at least what was asked for), or 0 when
    /// `pointer` is not a live block.
    ///
    /// - Complexity: O(1).
    func usableSize(of pointer: UnsafeMutableRawPointer) -> Int {
        let pointer = plantedBlock(pointer)
        #if MALLOC_SLAB
        if usesSlab, small.contains(UInt(bitPattern: pointer)) { return small.classSize(at: UInt(bitPattern: pointer)) }
        #endif
        guard state == 1, let block = TLSFBlockHeader.live(payload: UInt(bitPattern: pointer), in: space) else { return 0 }
        return Int(bitPattern: block.payloadCapacity)
    }

    /// What `reallocate` did.
    enum Reallocation {
        case done(UnsafeMutableRawPointer)
        /// No room: the block is unchanged.
        case noMemory
        /// `pointer` is not a live block.
        case invalidPointer
    }

    /// Resizes the live block at `pointer` to `byteCount` bytes, in place
    /// when TLSF can (shrinking, or growing into a free next block),
    /// otherwise by moving it (contents kept up to the smaller size).
    ///
    /// - Complexity: O(1) in place; O(size) when it moves.
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int) -> Reallocation {
        let pointer = plantedBlock(pointer)
        #if MALLOC_SLAB
        if usesSlab, small.contains(UInt(bitPattern: pointer)) { return reallocateObject(pointer, byteCount: byteCount) }
        #endif
        guard state == 1, let block = TLSFBlockHeader.live(payload: UInt(bitPattern: pointer), in: space) else { return .invalidPointer }
        let capacity = Int(bitPattern: block.payloadCapacity)
        #if PLANTED_MISALIGNED
        guard byteCount <= Int.max - 8 else { return .noMemory }
        let byteCount = byteCount + 8
        #endif
        do throws(AllocError) {
            return .done(plantedOffset(try heap.reallocate(pointer, byteCount: capacity, newByteCount: byteCount, alignment: Self.minimumAlignment)).unsafelyUnwrapped)
        } catch {
            guard error == .noMemory, grow(byteCount: byteCount, alignment: Self.minimumAlignment) else { return .noMemory }
            do throws(AllocError) {
                return .done(plantedOffset(try heap.reallocate(pointer, byteCount: capacity, newByteCount: byteCount, alignment: Self.minimumAlignment)).unsafelyUnwrapped)
            } catch {
                return .noMemory
            }
        }
    }
}

#if MALLOC_SLAB
extension MallocBackend {
    /// `reallocate` of a slab object: in place when the new size has the
    /// same class, else moved (to the slab or to TLSF).
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
