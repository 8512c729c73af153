// The buddy allocator's arithmetic: buddies, orders, region splitting, the
// bitmaps' indices and the completeness of the model's required gap.
import Allocators
import AllocatorSpec

/// `[block, block + 2^order)` lies inside `[lower, upper)`, stated with the
/// end computed in words and its overflow excluded explicitly.
private func blockLiesInside<let bits: Int>(
    _ block: SymbolicWord<bits>, _ order: SymbolicWord<bits>, _ lower: SymbolicWord<bits>, _ upper: SymbolicWord<bits>
) -> SymbolicCondition {
    let size = 1 &<< order
    return lower <= block && block <= ~size && block &+ size <= upper
}

/// An instance of `lshr.monotone` (proved below): shifting preserves `<=`.
/// Lemmas about bitmap indices assume the instances they need, which keeps
/// each query free of reasoning about a symbolic shifter under comparisons.
private func shiftIsMonotone<let bits: Int>(_ x: SymbolicWord<bits>, _ y: SymbolicWord<bits>, _ k: SymbolicWord<bits>) -> SymbolicCondition {
    (x <= y).implies((x &>> k) <= (y &>> k))
}

/// `kernels`: the buddy kernels the byte model borrows (`buddyOrder`,
/// `buddyRequiredGap`), replaced by broken copies in Proofs/Mutants.swift.
func buddyLemmas<let bits: Int>(_ kernels: ModelKernels<bits> = .shipped) -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return [
    Lemma("buddyAddress.isOffsetXorSizeAndAligned", covers: ["buddyAddress"]) { p in
        // Relative to any base aligned to the merged order, the buddy is at
        // offset XOR size; it is aligned to its order and differs from the block.
        let (_, k) = p.powerOfTwo("size"), base = p.word("base"), offset = p.word("offset")
        p.assume(k < .width &- 1 && isMultiple(base, ofPowerWithExponent: k &+ 1) && isMultiple(offset, ofPowerWithExponent: k))
        let block = base &+ offset
        let buddy = Kernels.buddyAddress(block, order: k)
        return buddy &- base == offset ^ (1 &<< k) && isMultiple(buddy, ofPowerWithExponent: k) && buddy != block
    },
    Lemma("buddyAddress.twiceIsIdentity", covers: ["buddyAddress"]) { p in
        let block = p.word("block"), k = p.word("k")
        p.assume(k < .width)
        return Kernels.buddyAddress(Kernels.buddyAddress(block, order: k), order: k) == block
    },
    Lemma("buddyAddress.withAddInsteadOfXorLeavesThePair", covers: ["buddyAddress"], expect: .refuted) { p in
        // block + size is the buddy only for the lower half.
        let block = p.word("block"), k = p.word("k")
        p.assume(k < .width &- 1 && isMultiple(block, ofPowerWithExponent: k))
        return block &+ (1 &<< k) == Kernels.buddyAddress(block, order: k)
    },
    Lemma("buddyMergedBlock.alignedToTheNextOrderAndHoldsBoth", covers: ["buddyMergedBlock", "buddyAddress"]) { p in
        let block = p.word("block"), k = p.word("k")
        p.assume(k < .width &- 1 && isMultiple(block, ofPowerWithExponent: k))
        let merged = Kernels.buddyMergedBlock(block, order: k)
        let buddy = Kernels.buddyAddress(block, order: k)
        let lower = merged, upper = merged &+ (1 &<< k)
        return isMultiple(merged, ofPowerWithExponent: k &+ 1)
            && merged == Kernels.buddyMergedBlock(buddy, order: k)
            && ((block == lower && buddy == upper) || (block == upper && buddy == lower))
    },
    Lemma("buddyMergedBlock.staysInsideTheRegion", covers: ["buddyMergedBlock", "buddyBlockInside", "buddyAddress"]) { p in
        // A block and its buddy both inside a region: the merge is a valid
        // order (below the word width: rcore-os buddy PR #31) inside it too.
        let block = p.word("block"), (size, k) = p.powerOfTwo("size"), lower = p.word("lower"), upper = p.word("upper")
        p.assume(lower <= upper && isMultiple(block, ofPowerWithExponent: k))
        p.assume(Kernels.buddyBlockInside(block, size: size, lower: lower, upper: upper))
        p.assume(Kernels.buddyBlockInside(Kernels.buddyAddress(block, order: k), size: size, lower: lower, upper: upper))
        let merged = Kernels.buddyMergedBlock(block, order: k)
        return k < .width &- 1 && Kernels.buddyBlockInside(merged, size: size &+ size, lower: lower, upper: upper)
    },
    Lemma("buddyBlockInside.everyByteInside", covers: ["buddyBlockInside"]) { p in
        // Every byte block + i (i < size) is inside lower ..< upper, without wrapping.
        let block = p.word("block"), size = p.word("size"), lower = p.word("lower"), upper = p.word("upper"), i = p.word("i")
        p.assume(lower <= upper && Kernels.buddyBlockInside(block, size: size, lower: lower, upper: upper) && i < size)
        return block <= ~i && lower <= block &+ i && block &+ i < upper
    },
    Lemma("buddyBlockInside.acceptsEveryContainedBlock", covers: ["buddyBlockInside"]) { p in
        let block = p.word("block"), size = p.word("size"), lower = p.word("lower"), upper = p.word("upper")
        p.assume(lower <= upper && lower <= block && block <= ~size && block &+ size <= upper)
        return Kernels.buddyBlockInside(block, size: size, lower: lower, upper: upper)
    },
    Lemma("buddyBlockInside.naiveEndWrapsNearTheTop", covers: ["buddyBlockInside"], expect: .refuted) { p in
        // block + size <= upper accepts blocks whose end wraps past the top.
        let block = p.word("block"), size = p.word("size"), lower = p.word("lower"), upper = p.word("upper")
        p.assume(lower <= upper)
        return (lower <= block && block &+ size <= upper).iff(Kernels.buddyBlockInside(block, size: size, lower: lower, upper: upper))
    },
    Lemma("buddyOrder.smallestFittingAlignedOrder", covers: ["buddyOrder"]) { p in
        let byteCount = p.word("byteCount"), (alignment, _) = p.powerOfTwo("alignment"), minOrder = p.word("minOrder")
        p.assume(minOrder < .width)
        let result = kernels.buddyOrder(byteCount: byteCount, alignment: alignment, minOrder: minOrder)
        p.assume(!result.overflow)
        let k = result.order, size = 1 &<< result.order
        let half = select(k == 0, 0, 1 &<< (k &- 1))
        let minimal = k == minOrder || half < byteCount || half < alignment
        return k < .width && k >= minOrder && size >= byteCount && size >= alignment && minimal
    },
    Lemma("buddyOrder.neverOverflowsForIntSizes", covers: ["buddyOrder"]) { p in
        // Sizes up to Int.max and alignments up to 2^(bits - 2) (every valid
        // request) have an order: the top block 2^(bits - 1) holds them all.
        let byteCount = p.word("byteCount"), (alignment, e) = p.powerOfTwo("alignment"), minOrder = p.word("minOrder")
        p.assume(minOrder < .width && byteCount < .topBit && e < .width &- 1)
        let result = kernels.buddyOrder(byteCount: byteCount, alignment: alignment, minOrder: minOrder)
        return !result.overflow && result.order < .width
    },
    Lemma("buddyOrder.overflowOnlyBeyondTheTopBlock", covers: ["buddyOrder"]) { p in
        let byteCount = p.word("byteCount"), (alignment, _) = p.powerOfTwo("alignment"), minOrder = p.word("minOrder")
        p.assume(minOrder < .width)
        let result = kernels.buddyOrder(byteCount: byteCount, alignment: alignment, minOrder: minOrder)
        return result.overflow.iff(byteCount > .topBit)
    },
    Lemma("buddyOrder.ignoringAlignmentMisaligns", covers: ["buddyOrder"], expect: .refuted) { p in
        // Sizing by byteCount alone (arceos slab: alignment ignored) gives blocks
        // too small to be aligned as asked.
        let byteCount = p.word("byteCount"), (alignment, _) = p.powerOfTwo("alignment"), minOrder = p.word("minOrder")
        p.assume(minOrder < .width && byteCount <= .topBit)
        let result = Kernels.buddyOrder(byteCount: byteCount, alignment: 1, minOrder: minOrder)
        return (1 &<< result.order) >= alignment
    },
    Lemma("buddySplitOrder.maximalAlignedBlockInside", covers: ["buddySplitOrder"]) { p in
        let start = p.word("start"), end = p.word("end"), maxOrder = p.word("maxOrder")
        p.assume(start < end && maxOrder < .width)
        let k = Kernels.buddySplitOrder(start: start, end: end, maxOrder: maxOrder)
        let fitsAndAligned = k <= maxOrder && isMultiple(start, ofPowerWithExponent: k) && blockLiesInside(start, k, start, end)
        // Maximal: the next order is capped, misaligned or too big.
        // (k + 1 is a valid order only below the top; k == width - 1 is the cap.)
        let next = k &+ 1
        let nextFits: Word = select(k < .width &- 1, select(isMultiple(start, ofPowerWithExponent: next) && blockLiesInside(start, next, start, end), 1, 0), 0)
        let maximal = k == maxOrder || nextFits == 0
        return fitsAndAligned && maximal
    },
    Lemma("buddySplitOrder.withoutAlignmentTermMisaligns", covers: ["buddySplitOrder"], expect: .refuted) { p in
        // The largest block that fits, ignoring the start's alignment.
        let start = p.word("start"), end = p.word("end")
        p.assume(start < end)
        return isMultiple(start, ofPowerWithExponent: Kernels.floorLog2(end &- start))
    },
    Lemma("buddySplitOrder.withoutCapExceedsMaxOrder", covers: ["buddySplitOrder"], expect: .refuted) { p in
        // rcore-os buddy PR #35: adding a region made a block above the maximum order.
        let start = p.word("start"), end = p.word("end"), maxOrder = p.word("maxOrder")
        p.assume(start < end && maxOrder < .width)
        let fits = Kernels.floorLog2(end &- start), aligned = start.trailingZeros
        return select(aligned < fits, aligned, fits) <= maxOrder
    },
    Lemma("buddySplitNext.coversTheRegionExactly", covers: ["buddySplitNext", "buddySplitOrder"]) { p in
        // Each step takes the block [start, next) and stays within the region;
        // by induction on end - start (which strictly decreases) the blocks
        // are consecutive, aligned to their size, and end exactly at `end`.
        let start = p.word("start"), end = p.word("end"), maxOrder = p.word("maxOrder")
        p.assume(start < end && maxOrder < .width)
        let k = Kernels.buddySplitOrder(start: start, end: end, maxOrder: maxOrder)
        let next = Kernels.buddySplitNext(start: start, end: end, maxOrder: maxOrder)
        return start < next && next <= end && next &- start == (1 &<< k)
    },
    Lemma("buddyBitIndex.injectiveOnAlignedBlocks", covers: ["buddyBitIndex"]) { p in
        // Distinct aligned blocks of one order have distinct bits.
        let a = p.word("a"), b = p.word("b"), k = p.word("k"), base = p.word("base")
        p.assume(k < .width && base <= a && base <= b)
        p.assume(isMultiple(a, ofPowerWithExponent: k) && isMultiple(b, ofPowerWithExponent: k))
        return (Kernels.buddyBitIndex(a, order: k, base: base) == Kernels.buddyBitIndex(b, order: k, base: base)).implies(a == b)
    },
    Lemma("buddyBitIndex.belowTheBitCount", covers: ["buddyBitIndex", "buddyBitCount"]) { p in
        // Every block inside the region has a bit in its order's bitmap.
        let a = p.word("a"), base = p.word("base"), end = p.word("end"), k = p.word("k")
        p.assume(k < .width && base < end && blockLiesInside(a, k, base, end))
        p.assume(shiftIsMonotone(base, a, k) && shiftIsMonotone(a, end &- 1, k))
        return Kernels.buddyBitIndex(a, order: k, base: base) < Kernels.buddyBitCount(base: base, end: end, order: k)
    },
    Lemma("buddyRequiredGap.holdsAnAlignedBlock", covers: ["buddyRequiredGap", "buddyBlockInside"]) { p in
        // Completeness: any gap of buddyRequiredGap(k) bytes holds a block of
        // order k aligned to its size. With free buddies always merged (the
        // integrity check), such a block is inside one free block of order
        // >= k, so the request succeeds.
        let gap = p.word("gap"), length = p.word("length"), (size, k) = p.powerOfTwo("size")
        p.assume(length >= kernels.buddyRequiredGap(order: k) && length <= ~gap)
        let block = Kernels.alignUp(gap, to: size)
        return !block.overflow && isMultiple(block.value, ofPowerWithExponent: k)
            && Kernels.buddyBlockInside(block.value, size: size, lower: gap, upper: gap &+ length)
    },
    Lemma("buddyRequiredGap.oneByteLessIsNotEnough", covers: ["buddyRequiredGap"], expect: .refuted) { p in
        let gap = p.word("gap"), length = p.word("length"), (size, k) = p.powerOfTwo("size")
        p.assume(length >= kernels.buddyRequiredGap(order: k) &- 1 && length <= ~gap)
        let block = Kernels.alignUp(gap, to: size)
        return !block.overflow && Kernels.buddyBlockInside(block.value, size: size, lower: gap, upper: gap &+ length)
    },
    Lemma("buddyRequiredGap.underTwoBlocks", covers: ["buddyRequiredGap"]) { p in
        // From above (the model's "lost memory" check must not be switched
        // off by an inflated gap): under two blocks of the order, and every
        // byte of the word for the top order.
        let (size, k) = p.powerOfTwo("size")
        let gap = kernels.buddyRequiredGap(order: k)
        let top: Word = .width &- 1
        return (k < top).implies(gap < size &+ size) && (k == top).implies(gap == .allOnes)
    },
    Lemma("lshr.monotone", covers: []) { p in
        let x = p.word("x"), y = p.word("y"), k = p.word("k")
        p.assume(k < .width && x <= y)
        return (x &>> k) <= (y &>> k)
    },
    ]
}
