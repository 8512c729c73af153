/// The arithmetic of the buddy allocator.
///
/// A block of order `k` is `2^k` bytes at an address that is a multiple of
/// `2^k` (absolute addresses, not offsets into a region: a region at any
/// alignment is split into such blocks). Its buddy is the other half of the
/// order `k + 1` block containing it.
extension Kernels {
    /// The buddy of the order-`order` block at `block`: `block XOR 2^order`.
    ///
    /// - Precondition: `order < W.bitWidth`, `block` aligned to `2^order`.
    @inlinable @inline(__always)
    public static func buddyAddress<W: KernelWord>(_ block: W, order: W) -> W {
        block ^ (1 &<< order)
    }

    /// The order-`order + 1` block that a block of order `order` and its
    /// buddy merge into: the lower of the two.
    ///
    /// - Precondition: `order < W.bitWidth`, `block` aligned to `2^order`.
    @inlinable @inline(__always)
    public static func buddyMergedBlock<W: KernelWord>(_ block: W, order: W) -> W {
        block & ~(1 &<< order)
    }

    /// The order of the block serving a request of `byteCount` bytes aligned
    /// to `alignment`: the smallest `k >= minOrder` with `2^k >= byteCount`
    /// and `2^k >= alignment` (a block is aligned to its own size).
    /// `overflow` is true (order 0) when no such order fits in a word, which
    /// `Int`-sized requests never reach: 2^(W.bitWidth - 1) is the largest block.
    ///
    /// - Precondition: `minOrder < W.bitWidth`, `alignment` a power of two.
    @inlinable @inline(__always)
    public static func buddyOrder<W: KernelWord>(byteCount: W, alignment: W, minOrder: W) -> (order: W, overflow: W.Condition) {
        let need = select(byteCount < alignment, alignment, byteCount)
        let overflow = nextPowerOfTwoOverflows(need)
        // need >= 1 (alignment is): need - 1 with the bits below the minimum
        // block set has the top bit of need - 1 or of the minimum less one,
        // so one more than its floor log2 is the order, with no compare
        // against the minimum and, the word being non-zero for any minOrder
        // above 0, no zero case for the bit scan.
        let ceiling = floorLog2((need &- 1) | ((1 &<< minOrder) &- 1)) &+ 1
        return (select(overflow, 0, ceiling), overflow)
    }

    /// The order of the largest block that starts at `start`, is aligned to
    /// its own size, fits in `start ..< end` and is at most `maxOrder`: how
    /// `addMemory` splits a region into maximal aligned blocks, one at a time.
    /// The next block starts at `start + 2^order` (see `buddySplitNext`).
    ///
    /// - Precondition: `start < end`, `maxOrder < W.bitWidth`.
    @inlinable @inline(__always)
    public static func buddySplitOrder<W: KernelWord>(start: W, end: W, maxOrder: W) -> W {
        let fits = floorLog2(end &- start)
        let aligned = start.trailingZeros
        let order = select(aligned < fits, aligned, fits)
        return select(order < maxOrder, order, maxOrder)
    }

    /// Where the split of `start ..< end` continues after the block
    /// `buddySplitOrder` chose: the end of that block, never past `end`.
    ///
    /// - Precondition: `start < end`, `maxOrder < W.bitWidth`.
    @inlinable @inline(__always)
    public static func buddySplitNext<W: KernelWord>(start: W, end: W, maxOrder: W) -> W {
        start &+ (1 &<< buddySplitOrder(start: start, end: end, maxOrder: maxOrder))
    }

    /// Whether the block of `size` bytes at `block` lies inside
    /// `lower ..< upper` (computed without overflow for blocks near the top of
    /// the address space, and for any `size`).
    ///
    /// - Precondition: `lower <= upper`.
    @inlinable @inline(__always)
    public static func buddyBlockInside<W: KernelWord>(_ block: W, size: W, lower: W, upper: W) -> W.Condition {
        block >= lower && block <= upper && size <= upper &- block
    }

    /// The bit of the order-`order` block at `block` in a region's per-order
    /// bitmap whose blocks start at `base`: `block / 2^order - base / 2^order`.
    ///
    /// - Precondition: `order < W.bitWidth`, `base <= block`.
    @inlinable @inline(__always)
    public static func buddyBitIndex<W: KernelWord>(_ block: W, order: W, base: W) -> W {
        (block &>> order) &- (base &>> order)
    }

    /// The number of bits a region `base ..< end` needs in its order-`order`
    /// bitmap: one for each aligned block position that can lie inside it.
    ///
    /// - Precondition: `order < W.bitWidth`, `base < end`.
    @inlinable @inline(__always)
    public static func buddyBitCount<W: KernelWord>(base: W, end: W, order: W) -> W {
        ((end &- 1) &>> order) &- (base &>> order) &+ 1
    }

    /// The free gap that guarantees a request of order `order` succeeds:
    /// `2^(order + 1) - 1` bytes, since any such gap contains a block of
    /// `2^order` bytes aligned to its own size. `W.max` for the top order.
    ///
    /// - Precondition: `order < W.bitWidth`.
    @inlinable @inline(__always)
    public static func buddyRequiredGap<W: KernelWord>(order: W) -> W {
        let size: W = 1 &<< order
        return size &+ size &- 1
    }

    // MARK: Block states

    // A region keeps two state bits per block position of each order, in
    // words that start at the word holding the region's first position of
    // the order (its position `base >> order` rounded down to a word), so
    // that a position's word and shift come from its absolute position
    // `block >> order` alone: one shift of the address, then fixed shifts.

    /// log2 of the state pairs in a word: `W.bitWidth / 2` pairs.
    @inlinable @inline(__always)
    static func buddyStatePairsLog2<W: KernelWord>(_: W.Type) -> W {
        W(word: UInt(W.bitWidth.trailingZeroBitCount - 1))
    }

    /// log2 of the bytes of a word.
    @inlinable @inline(__always)
    static func buddyStateWordBytesLog2<W: KernelWord>(_: W.Type) -> W {
        W(word: UInt((W.bitWidth / 8).trailingZeroBitCount))
    }

    /// The words of order `order`'s states for the blocks of `base ..< end`:
    /// from the word of position `base >> order` to that of `(end - 1) >> order`.
    ///
    /// - Precondition: `order < W.bitWidth`, `base < end`.
    @inlinable @inline(__always)
    public static func buddyStateWordCount<W: KernelWord>(base: W, end: W, order: W) -> W {
        let pairs = buddyStatePairsLog2(W.self)
        return (((end &- 1) &>> order) &>> pairs) &- ((base &>> order) &>> pairs) &+ 1
    }

    /// The state bias of order `order` for a region whose blocks start at
    /// `base` and whose state words of that order start at address `words`:
    /// the word of a block's state is then `buddyStateWord(position:bias:)`
    /// of its position (lemma `buddyStateWord.insideTheOrdersWords`).
    ///
    /// - Precondition: `order < W.bitWidth`.
    @inlinable @inline(__always)
    public static func buddyStateBias<W: KernelWord>(words: W, base: W, order: W) -> W {
        words &- (((base &>> order) &>> buddyStatePairsLog2(W.self)) &<< buddyStateWordBytesLog2(W.self))
    }

    /// The address of the word holding the state of the block at position
    /// `position` (its address shifted right by its order), from its order's
    /// `buddyStateBias`.
    @inlinable @inline(__always)
    public static func buddyStateWord<W: KernelWord>(position: W, bias: W) -> W {
        bias &+ ((position &>> buddyStatePairsLog2(W.self)) &<< buddyStateWordBytesLog2(W.self))
    }

    /// The shift of the state pair of the block at position `position` in
    /// its word: even, with both bits inside the word (lemma
    /// `buddyStateShift.pairInsideTheWord`).
    @inlinable @inline(__always)
    public static func buddyStateShift<W: KernelWord>(position: W) -> W {
        (position &<< 1) & W(word: UInt(W.bitWidth - 1))
    }
}

