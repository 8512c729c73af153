// Lemmas about the checks of a TLSF free against the sized API's arguments
// (Sources/Allocators/Kernels/TLSFFreeKernels.swift), and the fast path's
// bit search (Sources/Allocators/Kernels/BitKernels.swift).
import Allocators
import AllocatorSpec

/// Whether `size` is the used block of `request` plus an unsplit remainder:
/// used <= size < used + 2G (the specification, from `tlsfBlockSize`).
private func describes<let bits: Int>(
    _ request: SymbolicWord<bits>, _ size: SymbolicWord<bits>, _ g: SymbolicWord<bits>
) -> SymbolicCondition {
    let used = Kernels.tlsfBlockSize(request, granularityLog2: g)
    return !used.overflow && used.value <= size && size &- used.value < (2 &<< g)
}

func tlsfFreeLemmas<let bits: Int>() -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return [
    Lemma("tlsf.requestFits.isTheUsedBlockRange", covers: ["tlsfRequestFits", "tlsfBlockSize"]) { p in
        // For every non-negative request and every block size a live block
        // can have, the one-comparison check accepts exactly the requests
        // whose used block is the block less an unsplit remainder.
        let g = p.word("granularityLog2")
        p.assume(g >= 3 && g <= 12)
        let request = p.word("request"), size = p.word("size")
        p.assume(request < .topBit)
        p.assume(size >= (2 &<< g) && isMultiple(size, ofPowerWithExponent: g))
        return Kernels.tlsfRequestFits(request, blockSize: size, granularityLog2: g).iff(describes(request, size, g))
    },
    Lemma("tlsf.requestFits.withoutTheZeroCase", covers: ["tlsfRequestFits"], expect: .refuted) { p in
        // The zero-byte request must be checked as a one-byte one: compared
        // as itself, it is refused for a block of three granules that it owns.
        let g = p.word("granularityLog2")
        p.assume(g >= 3 && g <= 12)
        let request = p.word("request"), size = p.word("size")
        p.assume(size >= (2 &<< g) && isMultiple(size, ofPowerWithExponent: g))
        p.assume(request < .topBit)
        let unadjusted = (size &- (1 &<< g)) &- request < (2 &<< g)
        return unadjusted.iff(describes(request, size, g))
    },
    Lemma("tlsf.requestFits.withoutTheSignPrecondition", covers: ["tlsfRequestFits"], expect: .refuted) { p in
        // Why the request must be a non-negative Int: a request just below
        // the top of the word wraps the difference under 2G for a small block.
        let g = p.word("granularityLog2")
        p.assume(g >= 3 && g <= 12)
        let request = p.word("request"), size = p.word("size")
        p.assume(size >= (2 &<< g) && isMultiple(size, ofPowerWithExponent: g))
        return Kernels.tlsfRequestFits(request, blockSize: size, granularityLog2: g).iff(describes(request, size, g))
    },
    Lemma("granuleInSpan.isAlignedAndInside", covers: ["isGranuleInSpan"]) { p in
        // One rotation and one comparison: aligned to the granule and inside
        // base ..< base + granules * 2^g, for any address word.
        let g = p.word("granularityLog2")
        p.assume(g >= 1 && g < .width)
        let address = p.word("address"), base = p.word("base"), granules = p.word("granules")
        p.assume(isMultiple(base, ofPowerWithExponent: g))
        p.assume(granules <= (Word.allOnes &>> g))
        p.assume(base <= ~(granules &<< g))  // the span does not wrap
        let inside = address >= base && address &- base < (granules &<< g) && isMultiple(address, ofPowerWithExponent: g)
        return Kernels.isGranuleInSpan(address, base: base, granules: granules, granularityLog2: g).iff(inside)
    },
    Lemma("granuleInSpan.withoutTheRotation", covers: ["isGranuleInSpan"], expect: .refuted) { p in
        // A plain shift would let a misaligned address through.
        let g = p.word("granularityLog2")
        p.assume(g >= 1 && g <= 12)
        let address = p.word("address"), base = p.word("base"), granules = p.word("granules")
        p.assume(isMultiple(base, ofPowerWithExponent: g))
        p.assume(granules <= (Word.allOnes &>> g) && base <= ~(granules &<< g))
        let inside = address >= base && address &- base < (granules &<< g) && isMultiple(address, ofPowerWithExponent: g)
        return (((address &- base) &>> g) < granules).iff(inside)
    },
    Lemma("tlsf.releasableRange.wholePagesPastTheLinks", covers: ["tlsfReleasableRange"]) { p in
        // A non-empty range is whole pages inside the free block, past its
        // header and links, before the next block's header.
        let g = p.word("granularityLog2")
        p.assume(g >= 3 && g <= 12)
        let (page, e) = p.powerOfTwo("pageSize")
        let block = p.word("block"), size = p.word("size")
        assumeFreeBlock(p, block, size, g)
        let r = Kernels.tlsfReleasableRange(block: block, size: size, pageSize: page, granularityLog2: g)
        return (r.start < r.end).implies(
            r.start >= block &+ (2 &<< g) && r.end <= block &+ size
                && isMultiple(r.start, ofPowerWithExponent: e) && isMultiple(r.end, ofPowerWithExponent: e))
    },
    Lemma("tlsf.releasableRange.everyWholePageInside", covers: ["tlsfReleasableRange"]) { p in
        // Nothing is left out: every whole page past the links and inside
        // the block is in the range.
        let g = p.word("granularityLog2")
        p.assume(g >= 3 && g <= 12)
        let (page, e) = p.powerOfTwo("pageSize")
        let block = p.word("block"), size = p.word("size"), q = p.word("q")
        assumeFreeBlock(p, block, size, g)
        p.assume(isMultiple(q, ofPowerWithExponent: e) && q >= block &+ (2 &<< g) && addsWithoutWrapping(q, page))
        p.assume(q &+ page <= block &+ size)
        let r = Kernels.tlsfReleasableRange(block: block, size: size, pageSize: page, granularityLog2: g)
        return r.start <= q && q &+ page <= r.end
    },
    Lemma("tlsf.releasableRange.fromTheBlockStart", covers: ["tlsfReleasableRange"], expect: .refuted) { p in
        // Rounding up from the block itself: a page-aligned free block would
        // hand out its own header and links.
        let g = p.word("granularityLog2")
        p.assume(g >= 3 && g <= 12)
        let (page, e) = p.powerOfTwo("pageSize")
        let block = p.word("block"), size = p.word("size")
        assumeFreeBlock(p, block, size, g)
        let start = Kernels.alignUp(block, to: page), end = Kernels.alignDown(block &+ size, to: page)
        return (!start.overflow && start.value < end).implies(start.value >= block &+ (2 &<< g))
    },
    Lemma("tlsf.releasableRange.withoutTheOverflowCase", covers: ["tlsfReleasableRange"], expect: .refuted) { p in
        // Without the overflow case, a block at the top of the word rounds
        // its start up to 0 and the range would start below the block.
        let g = p.word("granularityLog2")
        p.assume(g >= 3 && g <= 12)
        let (page, _) = p.powerOfTwo("pageSize")
        let block = p.word("block"), size = p.word("size")
        assumeFreeBlock(p, block, size, g)
        let start = Kernels.alignUpUnchecked(block &+ (2 &<< g), to: page), end = Kernels.alignDown(block &+ size, to: page)
        return (start < end).implies(start >= block &+ (2 &<< g))
    },
    ]
}

/// A free block's precondition: `block` and `size` multiples of G, `size`
/// at least 2G, `block + size` not wrapping.
private func assumeFreeBlock<let bits: Int>(
    _ p: ProofScope<bits>, _ block: SymbolicWord<bits>, _ size: SymbolicWord<bits>, _ g: SymbolicWord<bits>
) {
    p.assume(isMultiple(block, ofPowerWithExponent: g) && isMultiple(size, ofPowerWithExponent: g))
    p.assume(size >= (2 &<< g) && addsWithoutWrapping(block, size))
}

func fastPathBitLemmas<let bits: Int>() -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return [
    Lemma("findFirstSetFrom.isFindFirstSetAtOrAbove", covers: ["findFirstSetFrom", "findFirstSetAtOrAbove"]) { p in
        let x = p.word("x"), index = p.word("index")
        p.assume(index < .width)
        return Kernels.findFirstSetFrom(x, index) == Kernels.findFirstSetAtOrAbove(x, index)
    },
    Lemma("findFirstSetFrom.atTheWidth", covers: ["findFirstSetFrom"], expect: .refuted) { p in
        // Why the index must be below the width: at the width Swift's masked
        // shift keeps every bit, so the one-shift search finds a bit below
        // the index where the guarded kernel answers "none".
        let x = p.word("x"), index = p.word("index")
        p.assume(index <= .width)
        return (x & Word.maskingShiftLeft(.allOnes, index)).trailingZeros == Kernels.findFirstSetAtOrAbove(x, index)
    },
    ]
}
