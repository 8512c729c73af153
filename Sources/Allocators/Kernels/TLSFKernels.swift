// The arithmetic of the TLSF allocator (Masmano et al., "TLSF: a new dynamic
// memory allocator for real-time systems", ECRTS 2004), proved in
// Proofs/Lemmas/TLSFLemmas.swift.
//
// Configuration enters as words: `secondLevelLog2` (log2 of the number of
// second-level lists, 4 or 5) and `granularityLog2` (log2 of the granularity
// G, at least log2 of two machine words). Block sizes are multiples of G, the
// header of a block takes G bytes and the minimum block is 2G.
//
// Size classes, for SL = 2^secondLevelLog2 lists per first level:
//
//     first level 0        [0, G), [G, 2G), ..., [(SL-1)G, SL*G)    (linear, width G)
//     first level f >= 1   [2^k + s*2^(k-sl), 2^k + (s+1)*2^(k-sl))  with k = f + sl + g - 1
//
// so first level f >= 1 covers [2^k, 2^(k+1)) in SL slices, and the first
// level count `W.bitWidth - sl - g + 1` covers every size of the word.

extension Kernels {
    /// Number of first-level classes: enough for every size of the word.
    ///
    /// - Precondition: `secondLevelLog2 + granularityLog2 < W.bitWidth`.
    @inlinable @inline(__always)
    public static func tlsfFirstLevelCount<W: KernelWord>(secondLevelLog2: W, granularityLog2: W) -> W {
        W(word: UInt(W.bitWidth)) &- secondLevelLog2 &- granularityLog2 &+ 1
    }

    /// `mapping_insert` of the paper (rlsf's `map_floor`): the class a free
    /// block of `size` bytes is filed under, whose lower bound is at most `size`.
    ///
    /// - Precondition: `size != 0`; `secondLevelLog2 + granularityLog2 < W.bitWidth`.
    @inlinable @inline(__always)
    public static func tlsfMappingInsert<W: KernelWord>(
        _ size: W, secondLevelLog2: W, granularityLog2: W
    ) -> (firstLevel: W, secondLevel: W) {
        let linear = size < (1 &<< (secondLevelLog2 &+ granularityLog2))
        let first = select(linear, 0, floorLog2(size) &- secondLevelLog2 &- granularityLog2 &+ 1)
        let second = select(
            linear, size &>> granularityLog2,
            (size &>> (floorLog2(size) &- secondLevelLog2)) ^ (1 &<< secondLevelLog2))
        return (first, second)
    }

    /// The largest size `tlsfMappingSearch` accepts: 2^(W.bitWidth - 1).
    /// Above it the round-up could leave the first level (C TLSF, 2017).
    @inlinable @inline(__always)
    public static func tlsfSearchLimit<W: KernelWord>() -> W {
        1 &<< W(word: UInt(W.bitWidth - 1))
    }

    /// `mapping_search` of the paper (rlsf's `map_ceil`): the lowest class
    /// whose every block, and every block of every higher class, holds `size`
    /// bytes. `overflow` (with class 0, 0) for sizes above `tlsfSearchLimit`.
    ///
    /// - Precondition: `size` is a non-zero multiple of the granularity;
    ///   `secondLevelLog2 + granularityLog2 < W.bitWidth - 1`.
    @inlinable @inline(__always)
    public static func tlsfMappingSearch<W: KernelWord>(
        _ size: W, secondLevelLog2: W, granularityLog2: W
    ) -> (firstLevel: W, secondLevel: W, overflow: W.Condition) {
        let overflow = size > tlsfSearchLimit()
        let linear = size < (1 &<< (secondLevelLog2 &+ granularityLog2))
        let rounded = select(
            linear || overflow, size,
            // Off the linear range, log2(size) - sl is at least g and below
            // the width: the mask needs no guard.
            size &+ ((1 &<< (floorLog2(size) &- secondLevelLog2)) &- 1))
        let mapped = tlsfMappingInsert(rounded, secondLevelLog2: secondLevelLog2, granularityLog2: granularityLog2)
        return (select(overflow, 0, mapped.firstLevel), select(overflow, 0, mapped.secondLevel), overflow)
    }

    /// The smallest size filed under class (`firstLevel`, `secondLevel`).
    ///
    /// - Precondition: `firstLevel < tlsfFirstLevelCount`, `secondLevel < 2^secondLevelLog2`.
    @inlinable @inline(__always)
    public static func tlsfClassLowerBound<W: KernelWord>(
        firstLevel: W, secondLevel: W, secondLevelLog2: W, granularityLog2: W
    ) -> W {
        select(
            firstLevel == 0, secondLevel &<< granularityLog2,
            (secondLevel | (1 &<< secondLevelLog2)) &<< (firstLevel &+ granularityLog2 &- 1))
    }

    /// The size of the block that holds a `request`-byte payload: the G-byte
    /// header plus the payload rounded up to G, and at least the minimum block
    /// 2G (a zero-byte request gets a distinct minimum block). `overflow` (and
    /// 0) when that does not fit in a word.
    @inlinable @inline(__always)
    public static func tlsfBlockSize<W: KernelWord>(_ request: W, granularityLog2: W) -> (value: W, overflow: W.Condition) {
        let granule: W = 1 &<< granularityLog2
        let overflow = request > ~(granule &- 1) &- granule
        let rounded = alignUpUnchecked(request &+ granule, to: granule)
        let minimum = granule &<< 1
        return (select(overflow, 0, select(rounded < minimum, minimum, rounded)), overflow)
    }

    /// The payload a block of `blockSize` bytes holds: all but its G-byte
    /// header. A request fits exactly when it is at most this (the same test
    /// as `tlsfBlockSize(request) <= blockSize`, in one comparison: lemma
    /// `tlsf.payloadCapacity.agreesWithTheBlockSize`).
    ///
    /// - Precondition: `blockSize` is a multiple of G and at least 2G.
    @inlinable @inline(__always)
    public static func tlsfPayloadCapacity<W: KernelWord>(_ blockSize: W, granularityLog2: W) -> W {
        blockSize &- ((1 as W) &<< granularityLog2)
    }

    /// Splitting a free block of `blockSize` bytes to keep `usedSize`: the
    /// remainder, and whether it becomes a free block of its own (at least the
    /// minimum block). When it does not, it stays in the used block.
    ///
    /// - Precondition: both sizes are multiples of G and `usedSize <= blockSize`.
    @inlinable @inline(__always)
    public static func tlsfSplit<W: KernelWord>(
        blockSize: W, usedSize: W, granularityLog2: W
    ) -> (remainder: W, splits: W.Condition) {
        let remainder = blockSize &- usedSize
        return (remainder, remainder >= ((1 as W) &<< (granularityLog2 &+ 1)))
    }

    /// Where the payload of an allocation aligned to `alignment` (> G) goes in
    /// a free block starting at `blockStart`: the first `alignment` multiple
    /// after the header whose leading gap is either empty or a whole free block
    /// (at least 2G), so the gap returns to the free lists. The gap is at most
    /// `alignment + G`.
    ///
    /// - Precondition: `alignment` is a power of two above G; `blockStart` is a
    ///   multiple of G and `blockStart + 2 * alignment + 2G` fits in a word.
    @inlinable @inline(__always)
    public static func tlsfAlignedPayload<W: KernelWord>(
        blockStart: W, alignment: W, granularityLog2: W
    ) -> W {
        let granule: W = 1 &<< granularityLog2
        let first = alignUpUnchecked(blockStart &+ granule, to: alignment)
        let gap = first &- granule &- blockStart
        return select(gap != 0 && gap < (granule &<< 1), first &+ alignment, first)
    }

    /// The free block size to search for a used block of `usedSize` bytes
    /// aligned to `alignment`: `usedSize` when the header alone aligns the
    /// payload (alignment at most G), else room for the largest leading gap of
    /// `tlsfAlignedPayload` too. `overflow` (and 0) above `tlsfSearchLimit`.
    ///
    /// - Precondition: `alignment` is a power of two; `usedSize <= tlsfSearchLimit`.
    @inlinable @inline(__always)
    public static func tlsfAlignedSearchSize<W: KernelWord>(
        usedSize: W, alignment: W, granularityLog2: W
    ) -> (value: W, overflow: W.Condition) {
        let granule: W = 1 &<< granularityLog2
        let padded = alignment > granule
        let limit: W = tlsfSearchLimit()
        let overflow = padded && (usedSize > limit || alignment > limit || limit &- usedSize < alignment &+ granule)
        return (select(overflow, 0, select(padded, usedSize &+ alignment &+ granule, usedSize)), overflow)
    }

    /// The used block for a `request`-byte payload and the class to search
    /// for it: `tlsfBlockSize` (the block is trimmed to the request, not to
    /// the class's lower bound, so rounding costs no memory) and
    /// `tlsfMappingSearch` of that size. A block of this size, once freed, is
    /// filed either at or above the class searched or in the size's own
    /// `tlsfMappingInsert` class, where the allocator's second look finds it
    /// (espressif/tlsf PR #2, tlsf-bsd #4, #5; lemma
    /// `tlsf.mappingSearch.missesOnlyTheSizesOwnClass`). `invalid` (and
    /// zeros) when the block size passes `tlsfSearchLimit`.
    ///
    /// - Precondition: `secondLevelLog2 + granularityLog2 < W.bitWidth - 1`.
    @inlinable @inline(__always)
    public static func tlsfUsedBlock<W: KernelWord>(
        _ request: W, secondLevelLog2: W, granularityLog2: W
    ) -> (value: W, firstLevel: W, secondLevel: W, invalid: W.Condition) {
        let block = tlsfBlockSize(request, granularityLog2: granularityLog2)
        let mapped = tlsfMappingSearch(block.value, secondLevelLog2: secondLevelLog2, granularityLog2: granularityLog2)
        let invalid = block.overflow || mapped.overflow
        return (select(invalid, 0, block.value), mapped.firstLevel, mapped.secondLevel, invalid)
    }

    /// The largest a live block of `request` bytes can be: its used block
    /// plus a remainder too small to split off (less than the minimum block,
    /// so at most G). The statistics contract's per-block overhead bound is
    /// this minus `request`.
    ///
    /// - Precondition: `tlsfUsedBlock(request)` is not invalid.
    @inlinable @inline(__always)
    public static func tlsfMaxLiveBlockSize<W: KernelWord>(_ request: W, secondLevelLog2: W, granularityLog2: W) -> W {
        tlsfUsedBlock(request, secondLevelLog2: secondLevelLog2, granularityLog2: granularityLog2).value
            &+ ((1 as W) &<< granularityLog2)
    }

    /// The completeness footprint: a free block of at least this many bytes
    /// guarantees that a request of `byteCount` bytes aligned to `alignment`
    /// succeeds. It is the lower bound of the class `tlsfMappingSearch` picks
    /// for the search size (the used block size, plus the alignment gap
    /// when `alignment` exceeds G). `invalid` (and 0) exactly when the request
    /// is rejected as `.invalidParam`.
    ///
    /// - Precondition: `alignment` is a power of two;
    ///   `secondLevelLog2 + granularityLog2 < W.bitWidth - 1`.
    @inlinable @inline(__always)
    public static func tlsfRequiredGap<W: KernelWord>(
        byteCount: W, alignment: W, secondLevelLog2: W, granularityLog2: W
    ) -> (value: W, invalid: W.Condition) {
        let used = tlsfUsedBlock(byteCount, secondLevelLog2: secondLevelLog2, granularityLog2: granularityLog2)
        let search = tlsfAlignedSearchSize(usedSize: used.value, alignment: alignment, granularityLog2: granularityLog2)
        let mapped = tlsfMappingSearch(search.value, secondLevelLog2: secondLevelLog2, granularityLog2: granularityLog2)
        let invalid = used.invalid || search.overflow || mapped.overflow
        let bound = tlsfClassLowerBound(
            firstLevel: mapped.firstLevel, secondLevel: mapped.secondLevel,
            secondLevelLog2: secondLevelLog2, granularityLog2: granularityLog2)
        return (select(invalid, 0, bound), invalid)
    }

    /// The layout of a pool in the region `start ..< start + size`: the first
    /// block at `first` (aligned up to G), the 2G-byte sentinel at `sentinel`
    /// (aligned down to G, ending inside the region). `invalid` (and zeros)
    /// when the region wraps or cannot hold a minimum block and the sentinel.
    @inlinable @inline(__always)
    public static func tlsfPoolLayout<W: KernelWord>(
        start: W, size: W, granularityLog2: W
    ) -> (first: W, sentinel: W, invalid: W.Condition) {
        let granule: W = 1 &<< granularityLog2
        let wraps = start > ~size || alignUpOverflows(start, to: granule)
        let first = alignUpUnchecked(start, to: granule)
        let end = start &+ size
        let tooSmall = end < first || end &- first < (granule &<< 2)
        let invalid = wraps || tooSmall
        let sentinel = alignDown(end &- (granule &<< 1), to: granule)
        return (select(invalid, 0, first), select(invalid, 0, sentinel), invalid)
    }

    /// The word of the control structure holding the second-level bitmap of
    /// `firstLevel` (word 0 is the first-level bitmap). Lemma
    /// `tlsf.controlIndicesStayInside`: inside the structure, one per level.
    ///
    /// - Precondition: `firstLevel < tlsfFirstLevelCount`.
    @inlinable @inline(__always)
    public static func tlsfSecondLevelBitmapIndex<W: KernelWord>(firstLevel: W) -> W {
        1 &+ firstLevel
    }

    /// The word of the control structure holding the head of the free list
    /// of class (`firstLevel`, `secondLevel`): after the bitmaps, by class.
    /// Lemma `tlsf.controlIndicesStayInside`: inside the structure, one per
    /// class, never a bitmap word.
    ///
    /// - Precondition: `firstLevel < tlsfFirstLevelCount`, `secondLevel < 2^secondLevelLog2`.
    @inlinable @inline(__always)
    public static func tlsfListHeadIndex<W: KernelWord>(
        firstLevel: W, secondLevel: W, secondLevelLog2: W, granularityLog2: W
    ) -> W {
        1 &+ tlsfFirstLevelCount(secondLevelLog2: secondLevelLog2, granularityLog2: granularityLog2)
            &+ (firstLevel &<< secondLevelLog2) &+ secondLevel
    }

    /// Bytes of the control structure: the first-level bitmap, one
    /// second-level bitmap word per first level, and a list head per class.
    ///
    /// - Precondition: `secondLevelLog2 + granularityLog2 < W.bitWidth`.
    @inlinable @inline(__always)
    public static func tlsfControlBytes<W: KernelWord>(secondLevelLog2: W, granularityLog2: W) -> W {
        let firstLevels = tlsfFirstLevelCount(secondLevelLog2: secondLevelLog2, granularityLog2: granularityLog2)
        let words = 1 &+ firstLevels &+ (firstLevels &<< secondLevelLog2)
        return words &* W(word: UInt(W.bitWidth / 8))
    }
}
