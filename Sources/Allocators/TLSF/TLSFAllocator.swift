#if TLSF
/// A Two-Level Segregated Fit allocator (Masmano et al., ECRTS 2004): O(1)
/// allocation and free with immediate coalescing, over any number of pools.
///
/// Free blocks are filed in segregated lists by size class; two levels of
/// bitmaps say which lists are non-empty, so finding a fitting list takes two
/// find-first-set instructions and no loop over the heap:
///
///     first-level bitmap   (one bit per power-of-two range, bit f set <=> second-level word f != 0)
///       ┌─┬─┬─┬─┬─┬───┬─┐
///       │0│1│0│1│0│...│0│            f = 0: sizes [0, SL*G) in steps of G (linear)
///       └─┴┬┴─┴┬┴─┴───┴─┘            f >= 1: [2^k, 2^(k+1)), k = f + log2(SL) + log2(G) - 1
///          │   └────────────┐
///          ▼                ▼
///       second level f=1   second level f=3      (SL bits each, one per slice of the range)
///       ┌─┬─┬─┬───┬─┐      ┌─┬─┬─┬───┬─┐
///       │1│0│0│...│1│      │0│0│1│...│0│        bit s set <=> list (f, s) is non-empty
///       └┬┴─┴─┴───┴┬┘      └─┴─┴┬┴───┴─┘
///        ▼         ▼            ▼
///      heads[1][0] heads[1][SL-1] heads[3][2] ──▶ free block ⇄ free block ⇄ ...
///
/// The mapping from sizes to classes, the rounding of requests, block splits,
/// alignment padding and the pool layout are the kernels of
/// `Kernels/TLSFKernels.swift`, proved by `allocators-verify`. Block headers
/// are drawn on `TLSFBlock`.
///
/// The control structure (bitmaps, list heads and the region table of
/// pools, `controlBytes`) lives at the start of the region given to
/// `initialize`, so the allocator itself is a few words and never allocates:
/// it works as a malloc replacement, as a kernel's first heap and in
/// Embedded Swift.
///
/// Hardening (`TLSFAllocator+Validation.swift`): every free finds the pool of
/// its pointer in the region table before it reads any memory, and every
/// link, size and boundary tag read from memory a program can write (a free
/// block's list links, a neighbour's header) is checked before it is
/// followed or written through: inside a pool, aligned, and linked back. A
/// failed check of the freed pointer is `.notAllocated` (or a trap, for
/// `deallocate`); a failed check of the allocator's own metadata stops the
/// program ("TLSF: corrupted free list at 0x…"): it never follows the
/// pointer. Evidence: `TLSFHardeningTests` (pools in separately mapped memory
/// with unmapped holes, use-after-free writes over freed blocks) and the
/// hostile steps of every model-checked run.
///
/// - Complexity: `allocate`, `deallocate`, `tryDeallocate` and `reallocate`
///   in place are O(1), with no loop: the region table is searched in
///   exactly `Configuration.regionCapacityLog2` steps (a moving `reallocate`
///   adds the copy); `addMemory` is O(pools); `statistics` is O(length of
///   one free list); `walkBlocks` O(blocks); `checkIntegrity` O(blocks ×
///   list length).
@frozen
public struct TLSFAllocator<Configuration: TLSFConfiguration>: ~Copyable {
    /// Address of the control structure; 0 before `initialize`.
    @usableFromInline var control: UInt
    /// The pools, in the control structure after the list heads.
    @usableFromInline var pools: RegionTable<TLSFPool>
    /// The largest pool's first block, sentinel and size in granules: the
    /// one-comparison check of a block address (`Kernels.isGranuleInSpan`)
    /// before the region table is searched. With one pool, it is that pool.
    @usableFromInline var fastFirst: UInt
    @usableFromInline var fastSentinel: UInt
    @usableFromInline var fastGranules: UInt
    @usableFromInline var managedBytes: Int
    @usableFromInline var liveBytes: Int

    /// An empty allocator; give it memory with `initialize`.
    ///
    /// Traps when `Configuration` is not valid (see `TLSFConfiguration`).
    @inlinable
    public init() {
        precondition(Self.isValidConfiguration, "TLSF: invalid configuration")
        control = 0
        pools = RegionTable()
        fastFirst = 0
        fastSentinel = 0
        fastGranules = 0
        managedBytes = 0
        liveBytes = 0
    }
}

/// Stops the program: a free list's links at `address` fail their check.
@usableFromInline @inline(never)
func tlsfCorruptedFreeList(at address: UInt) -> Never { metadataCorruption("TLSF", "free list", at: address) }

/// Stops the program: a free block's header at `address` fails its check.
@usableFromInline @inline(never)
func tlsfCorruptedFreeBlock(at address: UInt) -> Never { metadataCorruption("TLSF", "free block header", at: address) }

// MARK: Configuration-derived constants

extension TLSFAllocator {
    /// Whether `Configuration` is one this allocator supports.
    @inlinable
    public static var isValidConfiguration: Bool {
        let words = MemoryLayout<UInt>.size == 8 ? 4 : 3  // log2 of two words, in bytes
        return (4 ... 5).contains(Configuration.secondLevelCountLog2)
            && (words ... 12).contains(Configuration.granularityLog2)
            && (0 ... 8).contains(Configuration.regionCapacityLog2)
    }

    @inlinable @inline(__always)
    static var secondLevelLog2: UInt { UInt(truncatingIfNeeded: Configuration.secondLevelCountLog2) }

    @inlinable @inline(__always)
    static var granularityLog2: UInt { UInt(truncatingIfNeeded: Configuration.granularityLog2) }

    /// G: block sizes are multiples of it, headers take it, payloads align to it.
    @inlinable @inline(__always)
    public static var granularity: Int { 1 << Configuration.granularityLog2 }

    /// The smallest block, 2G: a free block's header and list links.
    @inlinable @inline(__always)
    public static var minimumBlockSize: Int { 2 << Configuration.granularityLog2 }

    /// Number of first-level classes: they cover every size of the word.
    @inlinable @inline(__always)
    public static var firstLevelCount: Int {
        Int(truncatingIfNeeded: Kernels.tlsfFirstLevelCount(secondLevelLog2: secondLevelLog2, granularityLog2: granularityLog2))
    }

    /// Bytes of the control structure placed at the start of the first
    /// region: the bitmaps and list heads (`Kernels.tlsfControlBytes`), then
    /// the region table of `maximumPoolCount` pools.
    @inlinable @inline(__always)
    public static var controlBytes: Int {
        listControlBytes + RegionTable<TLSFPool>.bytes(capacityLog2: Configuration.regionCapacityLog2)
    }

    /// Bytes of the bitmaps and list heads.
    @inlinable @inline(__always)
    static var listControlBytes: Int {
        Int(truncatingIfNeeded: Kernels.tlsfControlBytes(secondLevelLog2: secondLevelLog2, granularityLog2: granularityLog2))
    }

    /// The most pools (regions) the allocator manages: `addMemory` beyond
    /// them throws `.noMemory`.
    @inlinable @inline(__always)
    public static var maximumPoolCount: Int { 1 << Configuration.regionCapacityLog2 }
}

// MARK: Control structure: bitmaps and list heads

extension TLSFAllocator {
    @inlinable @inline(__always)
    var controlWords: UnsafeMutablePointer<UInt> { UnsafeMutablePointer(bitPattern: control).unsafelyUnwrapped }

    @inlinable @inline(__always)
    var firstLevelBitmap: UInt {
        get { controlWords[0] }
        nonmutating set { controlWords[0] = newValue }
    }

    @inlinable @inline(__always)
    func secondLevelBitmap(_ firstLevel: UInt) -> UInt { controlWords[Int(bitPattern: Kernels.tlsfSecondLevelBitmapIndex(firstLevel: firstLevel))] }

    @inlinable @inline(__always)
    func setSecondLevelBitmap(_ firstLevel: UInt, _ value: UInt) {
        controlWords[Int(bitPattern: Kernels.tlsfSecondLevelBitmapIndex(firstLevel: firstLevel))] = value
    }

    @inlinable @inline(__always)
    func headIndex(_ firstLevel: UInt, _ secondLevel: UInt) -> Int {
        Int(bitPattern: Kernels.tlsfListHeadIndex(
            firstLevel: firstLevel, secondLevel: secondLevel, secondLevelLog2: Self.secondLevelLog2, granularityLog2: Self.granularityLog2))
    }

    @inlinable @inline(__always)
    func head(_ firstLevel: UInt, _ secondLevel: UInt) -> UInt { controlWords[headIndex(firstLevel, secondLevel)] }

    @inlinable @inline(__always)
    func setHead(_ firstLevel: UInt, _ secondLevel: UInt, _ block: UInt) { controlWords[headIndex(firstLevel, secondLevel)] = block }

    /// The class a free block of `size` bytes is filed under.
    @inlinable @inline(__always)
    static func freeClass(_ size: UInt) -> (firstLevel: UInt, secondLevel: UInt) {
        Kernels.tlsfMappingInsert(size, secondLevelLog2: secondLevelLog2, granularityLog2: granularityLog2)
    }

    /// Files a free block of `size` bytes (its header already written) at
    /// the head of the list its size maps to. The size is passed, not read
    /// back, so no load waits on the header stores before it. The old head
    /// comes from the control structure, which no program writes.
    @inlinable @inline(__always)
    mutating func insertFree(_ block: TLSFBlock, size: UInt) {
        insertFree(block, into: Self.freeClass(size))
    }

    /// `insertFree` with the class of the block's size already computed.
    @inlinable @inline(__always)
    mutating func insertFree(_ block: TLSFBlock, into mapped: (firstLevel: UInt, secondLevel: UInt)) {
        let first = mapped.firstLevel, second = mapped.secondLevel
        let head = self.head(first, second)
        block.nextFree = head
        block.previousFree = 0
        setHead(first, second, block.address)
        if head != 0 {
            TLSFBlock(head).previousFree = block.address
        } else {
            // The list was empty: its bits go up.
            firstLevelBitmap = firstLevelBitmap | Kernels.bit(first)  // not |=: crashes swiftc 6.3 under -sanitize=thread
            setSecondLevelBitmap(first, secondLevelBitmap(first) | Kernels.bit(second))
        }
    }

    /// Unlinks a free block of `size` bytes from the list its size maps to,
    /// after checking both links (safe unlink): each neighbour is a block
    /// address inside a pool whose link points back at `block`, and a block
    /// without a previous one is its list's head. Stops the program on a
    /// failed check, before anything changes.
    @_transparent @usableFromInline
    mutating func removeFree(_ block: TLSFBlock, size: UInt) {
        let next = block.nextFree, previous = block.previousFree
        if next != 0 {
            guard isNextLinkSound(next, of: block) else { tlsfCorruptedFreeList(at: block.address) }
        }
        if previous != 0 {
            guard isPreviousLinkSound(previous, of: block) else { tlsfCorruptedFreeList(at: block.address) }
            if next != 0 { TLSFBlock(next).previousFree = previous }
            TLSFBlock(previous).nextFree = next
        } else {
            let mapped = Self.freeClass(size)
            guard !HardeningChecks.links || head(mapped.firstLevel, mapped.secondLevel) == block.address else {
                tlsfCorruptedFreeList(at: block.address)
            }
            removeHead(firstLevel: mapped.firstLevel, secondLevel: mapped.secondLevel, next: next)
        }
    }

    /// Makes `next` (checked by the caller) the head of list (first, second),
    /// clearing the bitmap bits when the list empties.
    @inlinable @inline(__always)
    func removeHead(firstLevel first: UInt, secondLevel second: UInt, next: UInt) {
        setHead(first, second, next)
        if next == 0 {
            let bitmap = secondLevelBitmap(first) & ~Kernels.bit(second)
            setSecondLevelBitmap(first, bitmap)
            if bitmap == 0 { firstLevelBitmap &= ~Kernels.bit(first) }
        } else {
            TLSFBlock(next).previousFree = 0
        }
    }

    /// Takes the head of list (first, second) off it, after checking its
    /// next link (a block address inside a pool that links back to it).
    @inlinable @inline(__always)
    mutating func takeHead(_ block: TLSFBlock, firstLevel first: UInt, secondLevel second: UInt) {
        let next = block.nextFree
        if next != 0 {
            guard isNextLinkSound(next, of: block) else { tlsfCorruptedFreeList(at: block.address) }
        }
        removeHead(firstLevel: first, secondLevel: second, next: next)
    }

    /// The first non-empty list at class (first, second) or above, or nil:
    /// two find-first-set lookups, no loop.
    @inlinable @inline(__always)
    func nonEmptyList(atOrAbove firstLevel: UInt, _ secondLevel: UInt) -> (firstLevel: UInt, secondLevel: UInt)? {
        var first = firstLevel
        // Both indices are below the word width: a second level below
        // 2^secondLevelLog2, a first level below the first-level count.
        var second = Kernels.findFirstSetFrom(secondLevelBitmap(first), secondLevel)
        if second >= UInt(UInt.bitWidth) {
            first = Kernels.findFirstSetFrom(firstLevelBitmap, first &+ 1)
            if first >= UInt(UInt.bitWidth) { return nil }
            second = Kernels.findFirstSet(secondLevelBitmap(first))
        }
        return (first, second)
    }

    /// Takes the head of the first non-empty list at class (first, second) or
    /// above, or returns nil: two find-first-set lookups, no loop.
    @inlinable @inline(__always)
    mutating func takeFreeBlock(firstLevel: UInt, secondLevel: UInt) -> TLSFBlock? {
        guard let list = nonEmptyList(atOrAbove: firstLevel, secondLevel) else { return nil }
        let block = TLSFBlock(head(list.firstLevel, list.secondLevel))
        takeHead(block, firstLevel: list.firstLevel, secondLevel: list.secondLevel)
        return block
    }
}
#endif
