#if Slab
/// A slab allocator of bytes over a backing byte allocator of this package.
///
/// ```
///  request ──(Kernels.slabRequestSize, slabClassIndex)──▶ class c  (16 B ... slabBytes/8)
///     │ no class (too big, or too aligned)                     │
///     ▼                                                        ▼
///  backing.allocate                      partial slabs of c: ─▶ slab ─▶ slab ─▶ (none)
///                                        slab: one backing block of slabBytes =
///                                        2^slabShift - backingHeader bytes, aligned to
///                                        2^slabShift: objects at base + i × size; free
///                                        objects linked through their first word,
///                                        never-used ones handed out by a bump pointer
///  lookup on free: descriptor = region.firstDescriptor + (address >> slabShift) - (region.start >> slabShift)
///                  live bit   = descriptor × 2^(slabShift-4) + (address mod 2^slabShift) / 16
///                  (each computed in two operations from a bias: Kernels.slabDescriptorIndex,
///                  slabBiasedLiveBit)
/// ```
///
/// - Class allocation pops the first partial slab's free list (or bumps):
///   O(1); a request of at most `tableLimit` bytes finds that slab in one
///   load from a table indexed by its 16-byte granule (`directHeads`). Class free computes the slab's descriptor and live bit from the
///   address and pushes: O(1), plus O(log regions) to find the region when
///   the address is not in the first region given.
/// - A full slab that gets an object back joins the end of its class's
///   partial list: allocation stays on one slab until it is full, and the
///   slab it moves to then is the one that gathered the most frees (few list
///   moves under random frees).
/// - Double frees, interior, foreign and wrong-class pointers are refused
///   through the live bitmap (one bit per 16-byte granule of every window),
///   which the user's bytes cannot forge: the bookkeeping lives in owned storage.
/// - Requests above the largest class, or aligned beyond their class's natural
///   alignment, go straight to the backing allocator.
/// - A slab is `slabBytes` long: the slab size less the backing's block header
///   (`backingHeader`), so that the block and the header of the next one fill
///   exactly one window and slabs aligned to their size pack back to back in
///   the backing (lemma `slabBlockBytes.fillsTheWindowWithTheNextHeader`).
/// - A slab that becomes empty is kept in a small cache (`emptySlabLimit`
///   slabs) so a churn at a slab boundary does not thrash; beyond it, empty
///   slabs return to the backing allocator. When the backing allocator answers
///   `.noMemory`, the cached slabs are released and the request retried once.
///
/// Guarantees (kernel lemmas in `SlabLemmas`, model-checked over the
/// backing's geometry): an object of class `c` is at least the request,
/// wastes less than 16 bytes or a quarter of the request, and is aligned as
/// asked; a class request succeeds whenever the class has a partial slab or
/// the backing allocator can serve one slab block; a larger request succeeds
/// whenever the backing allocator can serve it once the cache is released.
/// Footprint: one window per slab (exactly, when `backingHeader` is the
/// backing's header), that is the live objects' class sizes, plus per slab
/// the block's tail that holds no whole object (less than one object) and
/// the header, plus the free objects of partial slabs (at most one partially
/// used slab per class while a class only allocates; frees leave holes that
/// the class's later allocations fill first), plus the cache. Owned storage,
/// sized when a region is added: a 64-byte descriptor per window and a live
/// bit per 16 bytes, about 0.9 % of the regions' bytes with 64 KiB slabs.
public struct SlabAllocator<Backing: ByteAllocator & ~Copyable>: ~Copyable {
    /// The allocator slabs and large blocks come from.
    @usableFromInline var backing: Backing
    /// log2 of the slab size (the window of one slab).
    @usableFromInline let slabShift: UInt
    /// Bytes of a slab's backing block: the slab size less `backingHeader`.
    public let slabBytes: UInt
    /// Number of classes in use: those with at least 8 objects per slab.
    @usableFromInline let classCount: Int
    /// The largest class size; larger requests go to the backing allocator.
    public let largestClassSize: UInt
    /// The largest request (aligned to at most 16) the class lookup table serves.
    @usableFromInline let tableLimit: UInt
    /// The owned storage: class heads, descriptors, bitmap, regions.
    @usableFromInline var storage: SlabStorage
    /// Descriptors: one per window of every region.
    @usableFromInline var descriptorCount = 0
    /// Empty slabs kept for reuse, linked through `next`.
    @usableFromInline var emptySlabs = Int(SlabDescriptor.none)
    @usableFromInline var emptySlabCount = 0
    /// Slabs taken from the backing allocator (cached ones included).
    @usableFromInline var slabCount = 0
    @usableFromInline var regionCapacity = 0
    /// The first region given, copied here so that a free in it needs no
    /// region search (`start == end` while there is none).
    @usableFromInline var home = SlabRegion(start: 0, end: 0, firstDescriptor: 0, slabShift: 0)
    /// Class sizes of the live objects.
    @usableFromInline var liveClassBytes = 0
    /// What the slabs (cached ones included) count in `backing.usedBytes`.
    @usableFromInline var slabBackingBytes = 0

    /// Empty slabs kept at most before returning them to the backing allocator.
    public static var emptySlabLimit: Int { 2 }

    /// A slab allocator over `backing`, with slabs of `2^slabShift` bytes
    /// (default 64 KiB: classes up to 8 KiB, 7 KiB with a backing header). `slabShift` is clamped to
    /// `8 ... 24`. Regions given to `initialize`/`addMemory` go to `backing`,
    /// which should be empty.
    ///
    /// `backingHeader` is what the backing allocator keeps in front of a block
    /// aligned to the slab size (0 for out-of-band bookkeeping such as the
    /// buddy allocator's, `TLSFByteAllocator.granularity` for TLSF); slabs
    /// take that much less so that they pack one per window. It is clamped to
    /// `0 ... slabSize / 2`; a wrong value costs footprint, never correctness.
    public init(backing: consuming Backing, slabShift: Int = 16, backingHeader: Int = 0) {
        self.backing = backing
        let shift = UInt(Swift.min(Swift.max(slabShift, 8), 24))
        self.slabShift = shift
        let header = UInt(Swift.min(Swift.max(backingHeader, 0), 1 << (Int(shift) - 1)))
        let bytes = Kernels.slabBlockBytes(slabShift: shift, headerBytes: header)
        slabBytes = bytes
        let count = SlabClasses.classCount(slabBytes: bytes)
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

    /// Per class: the first partial slab (a descriptor index, the one
    /// allocated from) or `none`.
    @inlinable var partialHeads: UnsafeMutablePointer<Int32> { storage.partialHeads }
    /// Per class: the last partial slab or `none`.
    @inlinable var partialTails: UnsafeMutablePointer<Int32> { storage.partialTails }
    /// Per 16-byte request granule up to the table's limit: the first partial
    /// slab of the granule's class (`partialHeads[granuleClasses[g]]`, kept in
    /// step by `setHead`), so a small allocation reaches its slab in one load.
    @inlinable var directHeads: UnsafeMutablePointer<Int32> { storage.directHeads }
    /// Slab descriptors, one per window.
    @inlinable var slabs: UnsafeMutablePointer<SlabDescriptor> {
        get { storage.slabs }
        set { storage.slabs = newValue }
    }
    /// The live bitmap: `2^(slabShift - 4)` bits per descriptor (`Kernels.slabLiveBit`).
    @inlinable var bitmaps: UnsafeMutablePointer<UInt> {
        get { storage.bitmaps }
        set { storage.bitmaps = newValue }
    }
    /// Regions given, sorted by address.
    @inlinable var regions: UnsafeMutablePointer<SlabRegion> {
        get { storage.regions }
        set { storage.regions = newValue }
    }
    @inlinable var regionCount: Int {
        get { storage.regionCount }
        set { storage.regionCount = newValue }
    }

    /// Bytes of one slab window.
    @inlinable @inline(__always)
    public var slabSize: Int { Int(bitPattern: Kernels.bit(slabShift)) }

    /// Words of a live bitmap for `descriptors` descriptors.
    func bitmapWords(descriptors: Int) -> Int {
        let bits = UInt(descriptors) &<< (slabShift &- 4)
        return Int(Kernels.wordIndex(bits &+ UInt(UInt.bitWidth - 1)))
    }
}

/// The storage a `SlabAllocator` owns, freed when it goes away. (A separate,
/// non-generic owner: the deinitializer of a struct generic over a
/// non-copyable parameter is not run by this toolchain.)
@usableFromInline
struct SlabStorage: ~Copyable {
    @usableFromInline var partialHeads: UnsafeMutablePointer<Int32>
    @usableFromInline var partialTails: UnsafeMutablePointer<Int32>
    /// The class of each 16-byte request granule up to the table's limit.
    @usableFromInline var granuleClasses: UnsafeMutablePointer<UInt8>
    @usableFromInline var directHeads: UnsafeMutablePointer<Int32>
    /// Per class: its granules in the table, `first ..< end` (empty above the limit).
    @usableFromInline var classGranules: UnsafeMutablePointer<(first: Int32, end: Int32)>
    /// Aligned to 64 bytes (`allocateDescriptors`).
    @usableFromInline var slabs: UnsafeMutablePointer<SlabDescriptor>
    @usableFromInline var bitmaps: UnsafeMutablePointer<UInt>
    @usableFromInline var regions: UnsafeMutablePointer<SlabRegion>
    @usableFromInline var regionCount = 0

    init(classCount: Int, tableGranules: Int) {
        partialHeads = .allocate(capacity: classCount)
        partialHeads.initialize(repeating: SlabDescriptor.none, count: classCount)
        partialTails = .allocate(capacity: classCount)
        partialTails.initialize(repeating: SlabDescriptor.none, count: classCount)
        granuleClasses = .allocate(capacity: tableGranules)
        directHeads = .allocate(capacity: tableGranules)
        directHeads.initialize(repeating: SlabDescriptor.none, count: tableGranules)
        classGranules = .allocate(capacity: classCount)
        classGranules.initialize(repeating: (0, 0), count: classCount)
        for granule in 0 ..< tableGranules {
            let index = Int(Kernels.slabGranuleClass(granule: UInt(granule)))
            granuleClasses[granule] = UInt8(index)
            // The granules of a class are consecutive (its requests are).
            if classGranules[index].first == classGranules[index].end { classGranules[index].first = Int32(granule) }
            classGranules[index].end = Int32(granule + 1)
        }
        slabs = Self.allocateDescriptors(1)
        bitmaps = .allocate(capacity: 1)
        regions = .allocate(capacity: 1)
    }

    /// Room for `count` descriptors, each on its own cache line.
    static func allocateDescriptors(_ count: Int) -> UnsafeMutablePointer<SlabDescriptor> {
        UnsafeMutableRawPointer.allocate(
            byteCount: Swift.max(count, 1) * MemoryLayout<SlabDescriptor>.stride,
            alignment: Swift.max(64, MemoryLayout<SlabDescriptor>.alignment)
        ).bindMemory(to: SlabDescriptor.self, capacity: Swift.max(count, 1))
    }

    @inlinable deinit {
        regions.deallocate()
        bitmaps.deallocate()
        UnsafeMutableRawPointer(slabs).deallocate()
        classGranules.deallocate()
        directHeads.deallocate()
        granuleClasses.deallocate()
        partialTails.deallocate()
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
    /// A slab allocator over a new TLSF allocator, with 64 KiB slabs that
    /// leave room for TLSF's block header (so they pack one per window).
    public init() { self.init(backing: TLSFByteAllocator(), backingHeader: TLSFByteAllocator.granularity) }
}
#endif
