#if Slab
/// The bookkeeping of one slab window (`2^slabShift` bytes of a region,
/// aligned to the slab size), in storage the allocator owns: every window of
/// every region has one, so the descriptor of an address is computed, never
/// looked up in a table.
///
/// A descriptor is in exactly one state: idle (no slab in its window:
/// `base == 0`), cached (an empty slab in the cache list), or in use (a slab
/// of class `classIndex`, in its class's partial list iff it has a free
/// object). 64 bytes, the hot fields first: the allocator keeps descriptors
/// aligned to 64 bytes, one cache line each.
@usableFromInline
struct SlabDescriptor {
    @usableFromInline static var none: Int32 { -1 }

    /// First freed object (its first word links the next), or 0.
    @usableFromInline var freeList: UInt = 0
    /// Next never-used object: `capacity - live` objects are on the free
    /// list or at and after it.
    @usableFromInline var bump: UInt = 0
    /// The slab's first byte (its window's start), or 0 when idle.
    @usableFromInline var base: UInt = 0
    /// `Kernels.slabLiveBitBias` of the slab: its objects' live bits are
    /// `Kernels.slabBiasedLiveBit(address, bitBias)`.
    @usableFromInline var bitBias: UInt = 0
    /// What this slab counts in the backing allocator's `usedBytes`.
    @usableFromInline var backingBytes = 0
    @usableFromInline var classSize: UInt32 = 0
    @usableFromInline var live: Int32 = 0
    @usableFromInline var capacity: Int32 = 0
    /// The class of a slab in use; `none` when cached or idle, so that one
    /// comparison on free checks both "in use" and "of this class".
    @usableFromInline var classIndex: Int32 = SlabDescriptor.none
    /// Links of the partial or cache list.
    @usableFromInline var next: Int32 = SlabDescriptor.none
    @usableFromInline var previous: Int32 = SlabDescriptor.none

    @usableFromInline init() {}
}

/// A region given to a `SlabAllocator`: its window `w` (the aligned block
/// positions `Kernels.buddyBitIndex(address, slabShift, start)`, the same
/// arithmetic as the buddy bitmaps) has descriptor `firstDescriptor + w`,
/// computed as `Kernels.slabDescriptorIndex(address, descriptorBias)`.
@usableFromInline
struct SlabRegion: AddressRegion {
    @usableFromInline var start: UInt
    @usableFromInline var end: UInt
    @usableFromInline var firstDescriptor: Int
    @usableFromInline var descriptorBias: UInt
    /// The live-bit bias of every window of the region (lemma
    /// `slabBiasedLiveBit.isTheLiveBit`): a free computes its bit from the
    /// address alone, so the bitmap and descriptor loads overlap.
    @usableFromInline var bitBias: UInt

    init(start: UInt, end: UInt, firstDescriptor: Int, slabShift: UInt) {
        self.start = start
        self.end = end
        self.firstDescriptor = firstDescriptor
        descriptorBias = Kernels.slabDescriptorBias(firstDescriptor: UInt(firstDescriptor), regionStart: start, slabShift: slabShift)
        bitBias = Kernels.slabLiveBitBias(
            descriptor: UInt(firstDescriptor), windowStart: Kernels.alignDown(start, to: Kernels.bit(slabShift)), slabShift: slabShift)
    }

    /// Windows of the region: one per aligned slab position that can hold one of its bytes.
    func windows(slabShift: UInt) -> Int {
        Int(bitPattern: Kernels.buddyBitCount(base: start, end: end, order: slabShift))
    }

    /// The descriptor of the window holding `address`.
    ///
    /// - Precondition: `start <= address < end`.
    @inlinable @inline(__always)
    func descriptor(_ address: UInt, slabShift: UInt) -> Int {
        Int(bitPattern: Kernels.slabDescriptorIndex(address: address, bias: descriptorBias, slabShift: slabShift))
    }
}
#endif
