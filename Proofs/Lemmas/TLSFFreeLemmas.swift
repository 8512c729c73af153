// Lemmas about the checks of a TLSF free against the sized API's arguments
// (Sources/Allocators/Kernels/TLSFFreeKernels.swift).
import Allocators
import AllocatorSpec

let tlsfFreeLemmas: [Lemma] = [
    Lemma("tlsf.requestFits.isTheUsedBlockRange", covers: ["tlsfRequestFits", "tlsfBlockSize"]) { p in
        // For every non-negative request and every block size a live block
        // can have, the one-comparison check accepts exactly the requests
        // whose used block is the block less an unsplit remainder:
        // used <= size < used + 2G.
        let g = p.word("granularityLog2")
        p.assume(g >= 3 && g <= 12)
        let request = p.word("request"), size = p.word("size")
        p.assume(request < Kernels.tlsfSearchLimit())
        p.assume(size >= (2 &<< g) && isMultiple(size, ofPowerWithExponent: g))
        let used = Kernels.tlsfBlockSize(request, granularityLog2: g)
        let describes = !used.overflow && used.value <= size && size &- used.value < (2 &<< g)
        return Kernels.tlsfRequestFits(request, blockSize: size, granularityLog2: g).iff(describes)
    },
    Lemma("tlsf.requestFits.withoutTheZeroCase", covers: ["tlsfRequestFits"], expect: .refuted) { p in
        // The zero-byte request must be checked as a one-byte one: compared
        // as itself, it is refused for a block of three granules that it owns.
        let g = p.word("granularityLog2")
        p.assume(g >= 3 && g <= 12)
        let request = p.word("request"), size = p.word("size")
        p.assume(size >= (2 &<< g) && isMultiple(size, ofPowerWithExponent: g))
        p.assume(request < Kernels.tlsfSearchLimit())
        let capacity = size &- (1 &<< g)
        let unadjusted = capacity &- request < (2 &<< g)
        let used = Kernels.tlsfBlockSize(request, granularityLog2: g)
        let describes = !used.overflow && used.value <= size && size &- used.value < (2 &<< g)
        return unadjusted.iff(describes)
    },
    Lemma("tlsf.requestFits.withoutTheSignPrecondition", covers: ["tlsfRequestFits"], expect: .refuted) { p in
        // Why the request must be a non-negative Int: a request just below
        // the top of the word wraps the difference under 2G for a small block.
        let g = p.word("granularityLog2")
        p.assume(g >= 3 && g <= 12)
        let request = p.word("request"), size = p.word("size")
        p.assume(size >= (2 &<< g) && isMultiple(size, ofPowerWithExponent: g))
        let used = Kernels.tlsfBlockSize(request, granularityLog2: g)
        let describes = !used.overflow && used.value <= size && size &- used.value < (2 &<< g)
        return Kernels.tlsfRequestFits(request, blockSize: size, granularityLog2: g).iff(describes)
    },
    Lemma("granuleInSpan.isAlignedAndInside", covers: ["isGranuleInSpan"]) { p in
        // One rotation and one comparison: aligned to the granule and inside
        // base ..< base + granules * 2^g, for any address word.
        let g = p.word("granularityLog2")
        p.assume(g >= 1 && g < Word(integerLiteral: UInt64(Word.bitWidth)))
        let address = p.word("address"), base = p.word("base"), granules = p.word("granules")
        p.assume(isMultiple(base, ofPowerWithExponent: g))
        p.assume(granules <= (~(0 as Word) &>> g))
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
        p.assume(granules <= (~(0 as Word) &>> g) && base <= ~(granules &<< g))
        let inside = address >= base && address &- base < (granules &<< g) && isMultiple(address, ofPowerWithExponent: g)
        return (((address &- base) &>> g) < granules).iff(inside)
    },
]

let fastPathBitLemmas: [Lemma] = [
    Lemma("findFirstSetFrom.isFindFirstSetAtOrAbove", covers: ["findFirstSetFrom", "findFirstSetAtOrAbove"]) { p in
        let x = p.word("x"), index = p.word("index")
        p.assume(index < Word(integerLiteral: UInt64(Word.bitWidth)))
        return Kernels.findFirstSetFrom(x, index) == Kernels.findFirstSetAtOrAbove(x, index)
    },
    Lemma("findFirstSetFrom.atTheWidth", covers: ["findFirstSetFrom"], expect: .refuted) { p in
        // At the width the shift is out of range: the guarded kernel answers
        // "none", the unguarded one may not.
        let x = p.word("x"), index = p.word("index")
        p.assume(index <= Word(integerLiteral: UInt64(Word.bitWidth)))
        return Kernels.findFirstSetFrom(x, index) == Kernels.findFirstSetAtOrAbove(x, index)
    },
]
