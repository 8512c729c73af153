#if Slab
/// A slab allocator of bytes over a backing byte allocator of this package.
///
/// ```
///  request ──(Kernels.slabRequestSize, slabClassIndex)──▶ class c  (16 B ... slabSize/8)
///     │ no class (too big, or too aligned)                     │
///     ▼                                                        ▼
///  backing.allocate                      partial slabs of c: ─▶ slab ─▶ slab ─▶ (none)
///                                        slab (2^slabShift bytes, aligned to its size,
///                                        one backing block): objects at base + i × size;
///                                        free objects linked through their first word,
///                                        never-used ones handed out by a bump pointer
///  lookup on free: region table[(address >> slabShift) - (region.start >> slabShift)]
///                  ──▶ slab descriptor (owned storage: class, counts, live bitmap)
/// ```
///
/// - Class allocation pops the first partial slab's free list (or bumps):
///   O(1). Class free finds the slab through its region's table and pushes:
///   O(1), plus O(log regions) to find the region (O(1) with one region).
/// - Double frees, interior, foreign and wrong-class pointers are refused
///   through the slab's live bitmap (one bit per 16-byte granule), which the
///   user's bytes cannot forge: the bookkeeping lives in owned storage.
/// - Requests above the largest class, or aligned beyond their class's natural
///   alignment, go straight to the backing allocator.
/// - A slab that becomes empty is kept in a small cache (`emptySlabLimit`
///   slabs) so a churn at a slab boundary does not thrash; beyond it, empty
///   slabs return to the backing allocator. When the backing allocator answers
///   `.noMemory`, the cached slabs are released and the request retried once.
///
/// Guarantees (kernel lemmas in `SlabLemmas`, model-checked over the
/// backing's geometry): an object of class `c` is at least the request,
/// wastes less than 16 bytes or a quarter of the request, and is aligned as
/// asked; a class request succeeds whenever the class has a partial slab or
/// the backing allocator can serve one slab; a larger request succeeds
/// whenever the backing allocator can serve it once the cache is released.
/// Footprint: live objects' class sizes, plus at most one partially used slab
/// per class beyond what the live objects fill, plus the cache.
public struct SlabAllocator<Backing: ByteAllocator & ~Copyable>: ~Copyable {
    /// The allocator slabs and large blocks come from.
    @usableFromInline var backing: Backing
    /// log2 of the slab size.
    @usableFromInline let slabShift: UInt
    /// Words of one slab's live bitmap: a bit per 16 bytes, at least one word.
    @usableFromInline let bitmapWordCount: Int
    /// Number of classes in use: those with at least 8 objects per slab.
    @usableFromInline let classCount: Int
    /// The largest class size; larger requests go to the backing allocator.
    public let largestClassSize: UInt
    /// The largest request (aligned to at most 16) the class lookup table serves.
    @usableFromInline let tableLimit: UInt
    /// The owned storage: class heads, descriptors, bitmaps, regions.
    @usableFromInline var storage: SlabStorage
    @usableFromInline var descriptorCount = 0
    @usableFromInline var descriptorCapacity = 0
    /// Unused descriptors, linked through `next`.
    @usableFromInline var spareDescriptors = SlabDescriptor.none
    @usableFromInline var spareDescriptorCount = 0
    /// Empty slabs kept for reuse, linked through `next`.
    @usableFromInline var emptySlabs = SlabDescriptor.none
    @usableFromInline var emptySlabCount = 0
    @usableFromInline var regionCapacity = 0
    /// Class sizes of the live objects.
    @usableFromInline var liveClassBytes = 0
    /// What the slabs (cached ones included) count in `backing.usedBytes`.
    @usableFromInline var slabBackingBytes = 0

    /// Empty slabs kept at most before returning them to the backing allocator.
    public static var emptySlabLimit: Int { 2 }

    /// A slab allocator over `backing`, with slabs of `2^slabShift` bytes
    /// (default 64 KiB: classes up to 8 KiB). `slabShift` is clamped to
    /// `8 ... 24`. Regions given to `initialize`/`addMemory` go to `backing`,
    /// which should be empty.
    public init(backing: consuming Backing, slabShift: Int = 16) {
        self.backing = backing
        let shift = UInt(Swift.min(Swift.max(slabShift, 8), 24))
        self.slabShift = shift
        bitmapWordCount = Swift.max(1, Int(bitPattern: Kernels.bit(shift) &>> 4) / UInt.bitWidth)
        let count = SlabClasses.classCount(slabShift: shift)
        classCount = count
        largestClassSize = Kernels.slabClassSize(index: UInt(count - 1))
        let limit = Swift.min(largestClassSize, Self.tableLimitBytes)
        tableLimit = limit
        storage = SlabStorage(classCount: count, tableGranules: Int(Kernels.slabRequestGranule(byteCount: limit)) + 1)
    }

    /// Requests up to this size find their class in a table (one entry per
    /// 16 bytes); larger ones compute it.
    @inlinable @inline(__always)
    static var tableLimitBytes: UInt { 1024 }

    /// Per class: the first partial slab (a descriptor index) or `none`.
    @inlinable var partialHeads: UnsafeMutablePointer<Int> { storage.partialHeads }
    /// Slab descriptors, and their live bitmaps (`bitmapWords` words each).
    @inlinable var slabs: UnsafeMutablePointer<SlabDescriptor> {
        get { storage.slabs }
        set { storage.slabs = newValue }
    }
    @inlinable var bitmaps: UnsafeMutablePointer<UInt> {
        get { storage.bitmaps }
        set { storage.bitmaps = newValue }
    }
    /// Regions given, with their slab tables, sorted by address.
    @inlinable var regions: UnsafeMutablePointer<SlabRegion> {
        get { storage.regions }
        set { storage.regions = newValue }
    }
    @inlinable var regionCount: Int {
        get { storage.regionCount }
        set { storage.regionCount = newValue }
    }

    /// Bytes of one slab.
    @inlinable @inline(__always)
    public var slabSize: Int { Int(bitPattern: Kernels.bit(slabShift)) }

    /// Words of one slab's live bitmap: a bit per 16 bytes.
    @inlinable @inline(__always)
    var bitmapWords: Int { bitmapWordCount }

}

/// The storage a `SlabAllocator` owns, freed when it goes away. (A separate,
/// non-generic owner: the deinitializer of a struct generic over a
/// non-copyable parameter is not run by this toolchain.)
@usableFromInline
struct SlabStorage: ~Copyable {
    @usableFromInline var partialHeads: UnsafeMutablePointer<Int>
    /// The class of each 16-byte request granule up to the table's limit.
    @usableFromInline var granuleClasses: UnsafeMutablePointer<UInt8>
    @usableFromInline var slabs: UnsafeMutablePointer<SlabDescriptor>
    @usableFromInline var bitmaps: UnsafeMutablePointer<UInt>
    @usableFromInline var regions: UnsafeMutablePointer<SlabRegion>
    @usableFromInline var regionCount = 0

    init(classCount: Int, tableGranules: Int) {
        partialHeads = .allocate(capacity: classCount)
        partialHeads.initialize(repeating: SlabDescriptor.none, count: classCount)
        granuleClasses = .allocate(capacity: tableGranules)
        for granule in 0 ..< tableGranules {
            granuleClasses[granule] = UInt8(Kernels.slabGranuleClass(granule: UInt(granule)))
        }
        slabs = .allocate(capacity: 1)
        bitmaps = .allocate(capacity: 1)
        regions = .allocate(capacity: 1)
    }

    @inlinable deinit {
        for index in 0 ..< regionCount { regions[index].table.deallocate() }
        regions.deallocate()
        bitmaps.deallocate()
        slabs.deallocate()
        granuleClasses.deallocate()
        partialHeads.deallocate()
    }
}

extension SlabAllocator: ByteAllocator where Backing: ~Copyable {
    /// The backing allocator's total.
    public var totalBytes: Int { backing.totalBytes }
    /// Class sizes of the live objects plus the backing's bytes for large
    /// blocks; slabs themselves (cached or partly free) are not counted.
    public var usedBytes: Int { liveClassBytes + backing.usedBytes - slabBackingBytes }
    /// `totalBytes - usedBytes`.
    public var availableBytes: Int { totalBytes - usedBytes }
}

/// The slab allocator over this package's TLSF allocator: `SlabByteAllocator()`.
public typealias SlabByteAllocator = SlabAllocator<TLSFByteAllocator>

extension SlabAllocator where Backing == TLSFByteAllocator {
    /// A slab allocator over a new TLSF allocator, with 64 KiB slabs.
    public init() { self.init(backing: TLSFByteAllocator()) }
}
#endif
