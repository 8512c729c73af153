#if MALLOC_SLAB
import Allocators

/// The small-object side of the slab backend (`make malloc MALLOC_BACKEND=slab`):
/// the library's `SlabByteAllocator` (slabs of 64 KiB over a TLSF heap of
/// its own) in a reservation of its own, for requests of at most
/// `requestLimit` bytes and 16-byte alignment; `MallocBackend` sends
/// everything else to its TLSF heap.
///
/// Free by address: every slab fills one 64 KiB window of the reservation,
/// and holds one class. `tags` keeps, per window, 1 + the class of the last
/// object handed out from it (a store per allocation), so a free finds the
/// class in one load and gives the slab allocator the size it needs; the
/// slab allocator's live bitmap then decides whether the pointer is a live
/// object (double, interior and foreign pointers are refused). A window
/// whose slab went back to the backing keeps a stale tag, which the live
/// bitmap refuses the same way. A slab keeps its pages; an empty one that
/// goes back to the backing heap (beyond the two the slab allocator caches)
/// becomes free memory there, whose pages `MallocBackend.releaseFreeMemory`
/// gives back to the kernel.
///
/// The slab allocator's own storage (descriptors, live bits: about 0.9 % of
/// the region) comes from the internal heap (`MallocInternalHeap.swift`).
struct SlabFront: ~Copyable {
    var slab: UnsafeMutablePointer<SlabByteAllocator>? = nil
    var space = AddressSpace(preferredReservation: 16 << 30)
    var tags: UnsafeMutablePointer<UInt8>? = nil
    /// Requests up to this size (aligned to 16) are served here.
    var largestRequest: Int = 0
    var windowShift: UInt = 16

    /// The first region, which the slab allocator searches first on a free:
    /// large enough for most programs (its descriptors and live bits, about
    /// 0.9 % of it, are resident from the start).
    static var firstChunk: UInt { 32 << 20 }

    /// Requests above this go to TLSF, which fits them to 16 bytes: the
    /// slab classes above 1 KiB waste up to a quarter of a request, which
    /// measured as 40 % more peak RSS on the sqlite3 benchmark (classes up to
    /// 7 KiB) for no gain in time.
    static var requestLimit: Int { 1024 }

    /// The region grows by multiples of this.
    static var chunkGranule: UInt { 1 << 20 }

    init() {}

    /// Reserves the region and the tags, creates the slab allocator.
    mutating func setUp() -> Bool {
        guard space.reserve(), let first = space.commit(Self.firstChunk) else { return false }
        let slab = UnsafeMutablePointer<SlabByteAllocator>.allocate(capacity: 1)
        slab.initialize(to: SlabByteAllocator())
        windowShift = UInt(slab.pointee.slabSize.trailingZeroBitCount)
        let windows = (space.reserved >> windowShift) &+ 1  // one more when the base is not window-aligned
        var tagSpace = AddressSpace(preferredReservation: (windows &+ pageSize &- 1) & ~(pageSize &- 1))
        guard tagSpace.reserve(), tagSpace.reserved == tagSpace.preferredReservation,
              let tagStart = tagSpace.commit(tagSpace.reserved)
        else { return false }
        tags = UnsafeMutablePointer(bitPattern: tagStart)
        do throws(AllocError) { try slab.pointee.initialize(start: first, size: Int(bitPattern: Self.firstChunk)) } catch { return false }
        largestRequest = min(Int(slab.pointee.largestClassSize), Self.requestLimit)
        self.slab = slab
        return true
    }

    @inline(__always)
    func contains(_ address: UInt) -> Bool { address &- space.base < space.committedEnd &- space.base }

    @inline(__always)
    func tag(_ address: UInt) -> UnsafeMutablePointer<UInt8> {
        // Windows are aligned to their size in the address space (as slabs
        // are), not to the reservation's start, which is only page-aligned.
        tags.unsafelyUnwrapped + Int(bitPattern: (address &>> windowShift) &- (space.base &>> windowShift))
    }

    /// An object for `byteCount` bytes (at most `largestRequest`), or nil when
    /// the region is full.
    @inline(__always)
    mutating func allocate(byteCount: Int) -> UnsafeMutableRawPointer? {
        let slab = self.slab.unsafelyUnwrapped
        let pointer: UnsafeMutableRawPointer
        do throws(AllocError) {
            pointer = try slab.pointee.allocate(byteCount: byteCount, alignment: 16)
        } catch {
            guard let grown = allocateAfterGrowing(byteCount: byteCount) else { return nil }
            pointer = grown
        }
        let index = slab.pointee.classIndex(byteCount: byteCount, alignment: 16).unsafelyUnwrapped
        tag(UInt(bitPattern: pointer)).pointee = UInt8(truncatingIfNeeded: index &+ 1)
        return pointer
    }

    /// Commits the next chunk (at least as large as the region so far),
    /// adds it, and retries.
    @inline(never)
    mutating func allocateAfterGrowing(byteCount: Int) -> UnsafeMutableRawPointer? {
        let slab = self.slab.unsafelyUnwrapped
        let granule = Self.chunkGranule
        var size = max(UInt(bitPattern: slab.pointee.totalBytes), Self.firstChunk)
        size = (size &+ granule &- 1) & ~(granule &- 1)
        if size > space.uncommitted { size = space.uncommitted & ~(granule &- 1) }
        guard size >= Self.firstChunk, let start = space.commit(size) else { return nil }
        do throws(AllocError) {
            try slab.pointee.addMemory(start: start, size: Int(bitPattern: size))
            return try slab.pointee.allocate(byteCount: byteCount, alignment: 16)
        } catch {
            return nil
        }
    }

    /// The class size of the object at `pointer` (a pointer in the region),
    /// or 0 when its window has no class.
    @inline(__always)
    func classSize(at pointer: UInt) -> Int {
        let tag = self.tag(pointer).pointee
        guard tag != 0 else { return 0 }
        return Int(bitPattern: Kernels.slabClassSize(index: UInt(tag &- 1)))
    }

    /// Frees the live object at `pointer` (in the region); false when it is
    /// not one.
    @inline(__always)
    mutating func free(_ pointer: UnsafeMutableRawPointer) -> Bool {
        let size = classSize(at: UInt(bitPattern: pointer))
        guard size != 0 else { return false }
        do throws(AllocError) {
            try slab.unsafelyUnwrapped.pointee.tryDeallocate(pointer, byteCount: size, alignment: 16)
        } catch {
            return false
        }
        return true
    }

    /// Whether `byteCount` bytes are served by the class of the object at
    /// `pointer` (so a `realloc` to that size stays in place).
    @inline(__always)
    func fitsInPlace(_ pointer: UnsafeMutableRawPointer, byteCount: Int) -> Bool {
        let tag = self.tag(UInt(bitPattern: pointer)).pointee
        return tag != 0 && byteCount <= largestRequest
            && slab.unsafelyUnwrapped.pointee.classIndex(byteCount: byteCount, alignment: 16) == Int(tag &- 1)
    }
}
#endif
