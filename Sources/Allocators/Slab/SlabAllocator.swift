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
///                                        never-used ones handed out by index
///  free: region = the region table's lookup (before any memory is read)
///        descriptor = region.descriptor(of: address)     live word = Kernels.slabLiveWord
/// ```
///
/// - Class allocation pops the first partial slab's free list (or takes its
///   next never-used object): O(1); a request of at most `tableLimit` bytes
///   finds that slab in one load from a table indexed by its 16-byte granule.
///   Class free finds the region in the region table (O(1) in the region at
///   the lowest address, O(log regions) otherwise), computes the slab's
///   descriptor and live bit from the address and pushes: O(1).
/// - A full slab that gets an object back joins the end of its class's
///   partial list: allocation stays on one slab until it is full, and the
///   slab it moves to then is the one that gathered the most frees.
/// - Requests above the largest class, or aligned beyond their class's
///   natural alignment, go straight to the backing allocator.
/// - The common cases run inline in the caller: an allocation from a partial
///   slab that stays partial, a free into a slab of the lowest region that
///   was not full and does not become empty. Anything else (a new, full or
///   empty slab, another region, a backing block, a failed check) goes out
///   of line, where it is decided and checked again from the start; the
///   inline paths change nothing unless they succeed (the model-checked runs
///   go through both).
/// - A slab is `slabBytes` long: the slab size less the backing's block header
///   (`backingHeader`), so that the block and the header of the next one fill
///   exactly one window and slabs aligned to their size pack back to back in
///   the backing (lemma `slabBlockBytes.fillsTheWindowWithTheNextHeader`).
/// - A slab that becomes empty is kept in a small cache (`emptySlabLimit`
///   slabs) so a churn at a slab boundary does not thrash; beyond it, empty
///   slabs return to the backing allocator. When the backing allocator answers
///   `.noMemory` to a request no class serves, the cached slabs are released
///   and the request retried once (see `allocate` for what a failure changes).
///
/// What a program can and cannot forge:
/// - Owned storage, which no block handed out overlaps: the descriptors
///   (class, counts, list links, the head of each slab's free list), the
///   live bitmap (one bit per 16-byte granule of every window, set exactly at
///   live objects' starts), the class tables and the region table. A free is
///   accepted only when the pointer's region (found in the table before any
///   memory is read), window descriptor (in use, of the request's class),
///   granule alignment and live bit all agree: double, interior, foreign and
///   wrong-class frees are refused and change nothing.
/// - Freed objects: their first word holds the next link of their slab's
///   free list, and a use after free can overwrite it. A popped link becomes
///   the head only if it is 0 or the start of an object the slab has handed
///   out (`Kernels.slabObjectSlot`, one multiplication and rotation: lemmas
///   `slabObjectSlot.isTheObjectIndexForClass…`); a head is handed out only
///   if its live bit is clear (checked in the word the allocation sets the
///   bit in). Otherwise the program stops (`metadataCorruption`,
///   "slab: corrupted free list at 0x…", the address of the object whose
///   link failed), so an allocation never returns memory outside the slab's
///   own objects nor an object that is live. Evidence: `SlabHardeningTests`
///   (exit tests of both forgeries) and the model-checked runs.
///
/// Widths: descriptors are named by address (no index is narrowed); the
/// 32-bit fields hold class sizes (at most 2^21), object counts (at most
/// 2^20) and a slab's backing bytes (checked when the slab is taken), for
/// every `slabShift` up to 24 (lemma `slabDescriptor.countsFitThirtyTwoBits`).
/// At 32 bits a descriptor is padded to the same 64 bytes, a live-bitmap word
/// covers 512 bytes instead of 1024, and the link check and its lemmas are
/// the same (their bounds are a slab's, not the word's).
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
/// the header, plus the free objects of partial slabs, plus the cache; the
/// owned storage per region is described by `SlabBookkeeping`.
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
    /// Entries of the class lookup table (one per 16-byte request granule).
    @usableFromInline let tableGranules: Int
    /// `tableLimit + 1` once the tables exist (the first region brings them),
    /// 0 before: the small-request test of the hot paths.
    @usableFromInline var tableEnd: UInt = 0
    /// `largestClassSize` once the tables exist, 0 before (every request then
    /// goes to the backing, which has no memory either).
    @usableFromInline var classLimit: UInt = 0
    /// The owned storage: arena, region table, class tables.
    @usableFromInline var storage: SlabStorage
    /// Empty slabs kept for reuse, linked through `next` (descriptor addresses).
    @usableFromInline var emptySlabs: UInt = 0
    @usableFromInline var emptySlabCount = 0
    /// Slabs taken from the backing allocator (cached ones included).
    @usableFromInline var slabCount = 0
    /// Class sizes of the live objects.
    @usableFromInline var liveClassBytes = 0
    /// What the slabs (cached ones included) count in `backing.usedBytes`.
    @usableFromInline var slabBackingBytes = 0

    /// Empty slabs kept at most before returning them to the backing allocator.
    public static var emptySlabLimit: Int { 2 }

    /// The smallest and largest `slabShift`: a window holds whole live-bitmap
    /// words (`16 × 64` bytes), and the class sizes, capacities and counts of
    /// a slab of `2^24` bytes fit the descriptor's 32-bit fields.
    public static var slabShiftRange: ClosedRange<Int> { SlabConfiguration.shiftRange }

    /// A slab allocator over `backing`, with slabs of `2^slabShift` bytes
    /// (default 64 KiB: classes up to 8 KiB, 7 KiB with a backing header),
    /// clamped to `slabShiftRange`. Regions given to `initialize`/`addMemory`
    /// go to `backing` (which should be empty), less the bookkeeping carved
    /// from their start when `storage` is `.carved` (the default).
    ///
    /// `backingHeader` is what the backing allocator keeps in front of a block
    /// aligned to the slab size (0 for out-of-band bookkeeping such as the
    /// buddy allocator's, `TLSFByteAllocator.granularity` for TLSF); slabs
    /// take that much less so that they pack one per window. It is clamped to
    /// `0 ... slabSize / 2`; a wrong value costs footprint, never correctness.
    ///
    /// Allocates nothing: the per-allocator tables come with the first region.
    public init(backing: consuming Backing, slabShift: Int = 16, backingHeader: Int = 0, storage: BookkeepingStorage = .carved) {
        self.backing = backing
        let configuration = SlabConfiguration(slabShift: slabShift, backingHeader: backingHeader)
        self.slabShift = configuration.slabShift
        slabBytes = configuration.slabBytes
        classCount = configuration.classCount
        largestClassSize = configuration.largestClassSize
        tableLimit = configuration.tableLimit
        tableGranules = configuration.tableGranules
        self.storage = SlabStorage(storage)
    }

    /// Bytes of one slab window.
    @inlinable @inline(__always)
    public var slabSize: Int { Int(bitPattern: Kernels.bit(slabShift)) }

    @inlinable var partialHeads: UnsafeMutablePointer<SlabClassHead> { storage.partialHeads.unsafelyUnwrapped }
    @inlinable var directHeads: UnsafeMutablePointer<SlabClassHead> { storage.directHeads.unsafelyUnwrapped }
    @inlinable var partialTails: UnsafeMutablePointer<UInt> { storage.partialTails.unsafelyUnwrapped }

    /// The descriptor at `address` (a list link or head: never 0 here).
    @inlinable @inline(__always)
    static func descriptor(_ address: UInt) -> UnsafeMutablePointer<SlabDescriptor> {
        UnsafeMutablePointer(bitPattern: address).unsafelyUnwrapped
    }
}

extension SlabAllocator: ByteAllocator where Backing: ~Copyable {
    /// The backing allocator's total: the regions less the carved bookkeeping.
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
    /// leave room for TLSF's block header (so they pack one per window), its
    /// bookkeeping from `storage` (carved from the regions by default, so
    /// that no heap is needed).
    public init(storage: BookkeepingStorage = .carved) {
        self.init(backing: TLSFByteAllocator(), backingHeader: TLSFByteAllocator.granularity, storage: storage)
    }
}
#endif
