#if Slab
/// The bookkeeping of one slab, in storage the allocator owns.
///
/// A descriptor is in exactly one state: in use (listed in its class's
/// partial list iff it has a free object), empty in the cache, or spare.
@usableFromInline
struct SlabDescriptor {
    @usableFromInline static var none: Int { -1 }

    /// The slab's first byte (aligned to the slab size).
    @usableFromInline var base: UInt = 0
    @usableFromInline var classIndex = 0
    @usableFromInline var classSize: UInt = 0
    /// First freed object (its first word links the next), or 0.
    @usableFromInline var freeList: UInt = 0
    /// Next never-used object, up to `bumpEnd`.
    @usableFromInline var bump: UInt = 0
    @usableFromInline var bumpEnd: UInt = 0
    @usableFromInline var live = 0
    @usableFromInline var capacity = 0
    /// Links of the partial, cache or spare list.
    @usableFromInline var next = SlabDescriptor.none
    @usableFromInline var previous = SlabDescriptor.none
    /// What this slab counts in the backing allocator's `usedBytes`.
    @usableFromInline var backingBytes = 0

    @usableFromInline init() {}
}

/// A region given to a `SlabAllocator`, with its slab table: entry
/// `Kernels.buddyBitIndex(address, slabShift, start)` (the same arithmetic:
/// positions of aligned blocks in a range) holds the index + 1 of the
/// descriptor of the slab at that aligned address, or 0.
@usableFromInline
struct SlabRegion: AddressRegion {
    @usableFromInline var start: UInt
    @usableFromInline var end: UInt
    @usableFromInline var table: UnsafeMutablePointer<Int>
    @usableFromInline var entries: Int

    init(start: UInt, end: UInt, slabShift: UInt) {
        self.start = start
        self.end = end
        entries = Int(Kernels.buddyBitCount(base: start, end: end, order: slabShift))
        table = .allocate(capacity: entries)
        table.initialize(repeating: 0, count: entries)
    }

    @inlinable @inline(__always)
    func entry(_ address: UInt, slabShift: UInt) -> UnsafeMutablePointer<Int> {
        table + Int(Kernels.buddyBitIndex(address, order: slabShift, base: start))
    }
}
#endif
