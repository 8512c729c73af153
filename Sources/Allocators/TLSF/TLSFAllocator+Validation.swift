#if TLSF
// The checks that stand between the allocator and memory a program can
// write: a pointer handed to a free, and the in-band metadata (list links,
// sizes, boundary tags) of the blocks around it.
//
// Order of every check: first the region table (is the address inside a
// pool's blocks?), only then a read of the header there, so a pointer in a
// hole between separately mapped pools is refused without touching the hole.

/// A used block found from a payload pointer by `TLSFAllocator.usedBlock`:
/// its header word and the span of the pool it lies in.
@frozen @usableFromInline
struct TLSFUsedBlock {
    @usableFromInline let block: TLSFBlock
    /// The block's size-and-flags word, as read.
    @usableFromInline let flags: UInt
    /// The first block and the sentinel of its pool.
    @usableFromInline let poolFirst: UInt
    @usableFromInline let poolSentinel: UInt

    @inlinable @inline(__always)
    init(block: TLSFBlock, flags: UInt, poolFirst: UInt, poolSentinel: UInt) {
        self.block = block
        self.flags = flags
        self.poolFirst = poolFirst
        self.poolSentinel = poolSentinel
    }

    /// Bytes of the block, header included.
    @inlinable @inline(__always)
    var size: UInt { flags & ~TLSFBlock.flagMask }
}

extension TLSFAllocator {
    /// G, as a word.
    @inlinable @inline(__always)
    static var granule: UInt { 1 &<< granularityLog2 }

    /// The pool whose blocks hold the block address `address`, as its first
    /// block and sentinel; nil unless `address` is aligned to G and inside a
    /// pool's blocks (holes between pools included). Reads only the control
    /// structure: the largest pool in one comparison
    /// (`Kernels.isGranuleInSpan`), then, with several pools, the region table.
    ///
    /// - Complexity: O(1), no loop.
    @inlinable @inline(__always)
    func poolSpan(ofBlock address: UInt) -> (first: UInt, sentinel: UInt)? {
        if _fastPath(Kernels.isGranuleInSpan(address, base: fastFirst, granules: fastGranules, granularityLog2: Self.granularityLog2)) {
            return (fastFirst, fastSentinel)
        }
        // The other pools: a call that needs only `control`, which the hot
        // paths hold already (the region table sits at a fixed offset in it).
        return Self.poolSpan(ofBlock: address, outsideTheLargestIn: control)
    }

    /// The first block and the sentinel of the pool whose blocks hold the
    /// block address `address`, found in the region table of the control
    /// structure at `control`; nil otherwise, and nil before `initialize`
    /// (`control` 0). Out of line, so the hot paths carry only a call with
    /// an argument they hold in a register already; specialized per
    /// configuration, so the straight-line search has exactly
    /// `Configuration.regionCapacityLog2` halvings in the machine code (the
    /// bound `make wcet` reads). It needs no count: a padding slot contains
    /// no address.
    ///
    /// - Complexity: O(1), `Configuration.regionCapacityLog2` halvings.
    @inlinable @inline(never)
    static func poolSpan(ofBlock address: UInt, outsideTheLargestIn control: UInt) -> (first: UInt, sentinel: UInt)? {
        guard control != 0 else { return nil }
        let slots = UnsafeMutablePointer<TLSFPool>(bitPattern: control &+ UInt(bitPattern: listControlBytes)).unsafelyUnwrapped
        guard let index = RegionTable.indexWithoutLoop(containing: address, slots: slots, capacityLog2: Configuration.regionCapacityLog2)
        else { return nil }
        return slots[index].span(ofBlock: address, granularityLog2: granularityLog2)
    }

    /// Whether a block of some pool can start at `address`: aligned to G and
    /// inside a pool's blocks. Every link read from a free block passes this
    /// before it is read through.
    @inlinable @inline(__always)
    func isBlockAddress(_ address: UInt) -> Bool {
        poolSpan(ofBlock: address) != nil
    }

    /// The used block whose payload is `pointer`, when the headers around it
    /// agree: inside a pool (found in the region table before any read),
    /// aligned to G, marked used and not a sentinel, a size that is a multiple
    /// of G and at least the minimum block, ending inside the pool, and the
    /// next block's boundary tag pointing back at it. Nil otherwise; reads
    /// only memory inside the pool.
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    func usedBlock(at pointer: UInt) -> TLSFUsedBlock? {
        let granule = Self.granule
        // A misaligned pointer gives a misaligned start, which `poolSpan` refuses.
        let start = pointer &- granule
        guard let span = HardeningChecks.regionLookup ? poolSpan(ofBlock: start) : (fastFirst, fastSentinel) else { return nil }
        let block = TLSFBlock(start)
        let flags = block.sizeAndFlags
        let size = flags & ~TLSFBlock.flagMask
        // Free and sentinel bits clear, and no size bit below G.
        let mustBeClear = TLSFBlock.freeBit | TLSFBlock.sentinelBit | ((granule &- 1) & ~TLSFBlock.flagMask)
        guard !HardeningChecks.freedHeader || (flags & mustBeClear == 0 && size >= (granule &<< 1)
              && size <= span.sentinel &- start && TLSFBlock(start &+ size).previousPhysical == start)
        else { return nil }
        return TLSFUsedBlock(block: block, flags: flags, poolFirst: span.first, poolSentinel: span.sentinel)
    }

    /// `usedBlock`, and the sized API's arguments describe it: `byteCount`
    /// is a request this block can serve (`Kernels.tlsfRequestFits`, so
    /// smaller and larger wrong sizes are refused alike) and `alignment` is a
    /// power of two the pointer is aligned to.
    @inlinable @inline(__always)
    func usedBlock(at pointer: UInt, byteCount: Int, alignment: Int) -> TLSFUsedBlock? {
        let alignmentMask = UInt(bitPattern: alignment) &- 1
        // Both non-negative, and not both 0; an alignment of 0 with a
        // positive size leaves an all-ones mask, which no pointer meets.
        guard !HardeningChecks.freeArguments
                || (byteCount | alignment > 0 && (UInt(bitPattern: alignment) | pointer) & alignmentMask == 0),
              let used = usedBlock(at: pointer),
              !HardeningChecks.freeArguments
                || Kernels.tlsfRequestFits(UInt(bitPattern: byteCount), blockSize: used.size, granularityLog2: Self.granularityLog2)
        else { return nil }
        return used
    }

    /// `usedBlock`, and when its header says the block before is free, that
    /// block agrees (`isFreePredecessor`). A block that a free merged
    /// backwards leaves its old header behind, marked used with the previous
    /// block free; the free block that swallowed it no longer ends there, so
    /// this check refuses it. `release` makes the same check before it
    /// changes anything; paths that do not release (`usableSize`,
    /// `reallocate`) call this.
    @inlinable @inline(__always)
    func liveBlock(at pointer: UInt) -> TLSFUsedBlock? {
        guard let used = usedBlock(at: pointer) else { return nil }
        if used.flags & TLSFBlock.previousFreeBit != 0,
           !isFreePredecessor(used.block.previousPhysical, of: used.block.address, poolFirst: used.poolFirst) {
            return nil
        }
        return used
    }

    /// Whether the block at `previous` is a free block of the same pool that
    /// ends at `start`: the boundary tag of a used block whose P bit is set.
    @inlinable @inline(__always)
    func isFreePredecessor(_ previous: UInt, of start: UInt, poolFirst: UInt) -> Bool {
        guard HardeningChecks.neighbourHeaders else { return true }
        // Aligned and inside `poolFirst ..< start`, before it is read.
        guard previous >= poolFirst, previous < start, previous & (Self.granule &- 1) == 0 else { return false }
        // Free, its own previous block used, not a sentinel, and a size that
        // ends at `start`: the whole word in one comparison, since the
        // distance is a multiple of G and so leaves every flag bit clear.
        return TLSFBlock(previous).sizeAndFlags == (start &- previous) | TLSFBlock.freeBit
    }

    /// Checks the header of a free block about to be merged or carved, read
    /// as `flags`: free with its previous block used, a whole size that ends
    /// inside the pool (`poolSentinel`), and the next block's tag pointing
    /// back, so nothing it leads to lies outside the pool. Returns its size;
    /// stops the program on a failed check.
    @inlinable @inline(__always)
    func checkedFreeSize(_ block: TLSFBlock, flags: UInt, poolSentinel: UInt) -> UInt {
        let size = flags & ~TLSFBlock.flagMask
        guard !HardeningChecks.neighbourHeaders
                || (flags & (Self.granule &- 1) == TLSFBlock.freeBit && size <= poolSentinel &- block.address
                    && TLSFBlock(block.address &+ size).previousPhysical == block.address)
        else { tlsfCorruptedFreeBlock(at: block.address) }
        return size
    }

    /// Checks a block taken off a free list (`takeFreeBlock`, the second
    /// look) before it is carved: its header as `checkedFreeSize` checks it,
    /// and large enough for `usedSize`. Returns its size.
    @inlinable @inline(__always)
    func checkedTakenSize(_ block: TLSFBlock, usedSize: UInt) -> UInt {
        guard HardeningChecks.neighbourHeaders else { return block.size }
        // A list head is a block address the allocator wrote: inside a pool.
        guard let span = poolSpan(ofBlock: block.address) else { tlsfCorruptedFreeList(at: block.address) }
        let size = checkedFreeSize(block, flags: block.sizeAndFlags, poolSentinel: span.sentinel)
        guard size >= usedSize else { tlsfCorruptedFreeBlock(at: block.address) }
        return size
    }

    /// Whether `next`, the non-zero next link of the free block `block`, may
    /// be followed: a block address inside a pool whose previous link is
    /// `block` (safe unlink).
    @inlinable @inline(__always)
    func isNextLinkSound(_ next: UInt, of block: TLSFBlock) -> Bool {
        !HardeningChecks.links || (isBlockAddress(next) && TLSFBlock(next).previousFree == block.address)
    }

    /// Whether `previous`, the non-zero previous link of the free block
    /// `block`, may be followed: a block address inside a pool whose next
    /// link is `block`.
    @inlinable @inline(__always)
    func isPreviousLinkSound(_ previous: UInt, of block: TLSFBlock) -> Bool {
        !HardeningChecks.links || (isBlockAddress(previous) && TLSFBlock(previous).nextFree == block.address)
    }
}
#endif
