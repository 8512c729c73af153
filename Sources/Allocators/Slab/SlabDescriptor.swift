#if Slab
/// The bookkeeping of one slab window (`2^slabShift` bytes of a region,
/// aligned to the slab size), in owned storage: every window of every region
/// has one, in its region's descriptor block, so the descriptor of an address
/// is computed from the address (`SlabRegion.descriptor(of:slabShift:)`),
/// never searched for. Descriptors are named by their address; the list
/// links are addresses too (0 for none).
///
/// A descriptor is in exactly one state: idle (no slab in its window:
/// `base == 0`), cached (an empty slab in the cache list), or in use (a slab
/// of class `classIndex`, in its class's partial list iff it has a free
/// object). One cache line, the hot fields first:
///
/// ```
///  0 freeList   8 base   16 liveWordBias   24 next   32 previous
/// 40 classSize:32  44 available:32  48 capacity:32  52 handedOut:32
/// 56 classIndex:16  58 sizeShift:8  60 backingBytes:32        (64 bytes at 64 bits)
/// ```
@frozen @usableFromInline
struct SlabDescriptor {
    /// A descriptor's stride: `2^bytesLog2` bytes at every width
    /// (`SlabByteAllocatorTests.aDescriptorIsOneCacheLine`).
    @inlinable @inline(__always)
    static var bytesLog2: UInt { 6 }

    /// `classIndex` of a slab that is not in use.
    @inlinable @inline(__always)
    static var noClass: Int16 { -1 }

    /// First freed object (its first word links the next), or 0.
    @usableFromInline var freeList: UInt = 0
    /// The slab's first byte (its window's start), or 0 when idle.
    @usableFromInline var base: UInt = 0
    /// `Kernels.slabLiveWordBias` of the slab's region: the live bit of an
    /// object at `a` is in the word at `Kernels.slabLiveWord(a, liveWordBias)`.
    @usableFromInline var liveWordBias: UInt = 0
    /// Links of the partial or cache list: descriptor addresses, or 0.
    @usableFromInline var next: UInt = 0
    @usableFromInline var previous: UInt = 0
    /// The class's object size (at most `2^21`: a class has at least 8
    /// objects in a slab of at most `2^24` bytes).
    @usableFromInline var classSize: UInt32 = 0
    /// Objects the slab can still hand out (on its free list or never
    /// used): `capacity - live`, counted down so that an allocation finds
    /// the slab full by one decrement.
    @usableFromInline var available: UInt32 = 0
    /// Objects of the class the slab block holds (`Kernels.slabCapacity`, at
    /// most `2^20`).
    @usableFromInline var capacity: UInt32 = 0
    /// Objects handed out at least once: `0 ..< handedOut` are live or on
    /// the free list, the others never used (the bump allocation's index).
    @usableFromInline var handedOut: UInt32 = 0
    /// The class of a slab in use; `noClass` when cached or idle, so that one
    /// comparison on free checks both "in use" and "of this class".
    @usableFromInline var classIndex: Int16 = SlabDescriptor.noClass
    /// Trailing zeros of `classSize`: the rotation of `Kernels.slabObjectSlot`.
    @usableFromInline var sizeShift: UInt8 = 0
    /// What this slab counts in the backing allocator's `usedBytes`.
    @usableFromInline var backingBytes: UInt32 = 0
    #if _pointerBitWidth(_32)
    /// Five 4-byte words more, so that descriptors are a line apart at 32
    /// bits too (one line each, computed by a shift).
    @usableFromInline var padding: (UInt, UInt, UInt, UInt, UInt) = (0, 0, 0, 0, 0)
    #endif

    @usableFromInline init() {}
}

/// Per class (and per 16-byte request granule of the class lookup table):
/// the first partial slab, allocated from, and the class's
/// `Kernels.slabSizeInverse`, the constant of the free-list link check, kept
/// beside the head so a pop reads both from one entry.
@frozen @usableFromInline
struct SlabClassHead {
    /// The descriptor address of the first partial slab, or 0.
    @usableFromInline var slab: UInt
    @usableFromInline let inverse: UInt

    @inlinable
    init(slab: UInt, inverse: UInt) {
        self.slab = slab
        self.inverse = inverse
    }

    /// The link-check constant of the class of `classSize` bytes: the inverse
    /// of its odd part.
    @inlinable
    static func inverse(ofClassSize classSize: UInt) -> UInt {
        Kernels.slabSizeInverse(oddPart: classSize &>> UInt(classSize.trailingZeroBitCount))
    }
}

/// The request granules `first ..< end` of a class in the class lookup
/// table (empty for the classes above its limit).
@frozen @usableFromInline
struct SlabGranuleRange {
    @usableFromInline var first: Int32
    @usableFromInline var end: Int32

    @inlinable
    init(first: Int32, end: Int32) {
        self.first = first
        self.end = end
    }
}
#endif
