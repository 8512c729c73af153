// Lemmas about the buddy allocator's block states: every address a free or
// a link check looks up has its two state bits inside the region's state
// words (Sources/Allocators/Buddy/BuddyRegion.swift).
import Allocators
import AllocatorSpec

/// An instance of `lshr.monotone` (proved in `BuddyLemmas`): shifting preserves `<=`.
private func shiftIsMonotone<let bits: Int>(_ x: SymbolicWord<bits>, _ y: SymbolicWord<bits>, _ k: SymbolicWord<bits>) -> SymbolicCondition {
    (x <= y).implies((x &>> k) <= (y &>> k))
}

func buddyStateLemmas<let bits: Int>() -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return [
    Lemma("buddyBitIndex.belowTheBitCountForAnyAddressInside", covers: ["buddyBitIndex", "buddyBitCount"]) { p in
        // A link check looks up any aligned address of the blocks' span (not
        // known to start a block that fits): it has a position too.
        let a = p.word("a"), base = p.word("base"), end = p.word("end"), k = p.word("k")
        p.assume(k < .width && base <= a && a < end && isMultiple(a, ofPowerWithExponent: k))
        p.assume(shiftIsMonotone(base, a, k) && shiftIsMonotone(a, end &- 1, k))
        return Kernels.buddyBitIndex(a, order: k, base: base) < Kernels.buddyBitCount(base: base, end: end, order: k)
    },
    Lemma("buddyBitIndex.theSpanEndHasNoPosition", covers: ["buddyBitIndex", "buddyBitCount"], expect: .refuted) { p in
        // The span check must exclude its end: at an aligned end the index is the count.
        let a = p.word("a"), base = p.word("base"), end = p.word("end"), k = p.word("k")
        p.assume(k < .width && base <= a && a <= end && base < end)
        p.assume(shiftIsMonotone(base, a, k) && shiftIsMonotone(a, end &- 1, k))
        return Kernels.buddyBitIndex(a, order: k, base: base) < Kernels.buddyBitCount(base: base, end: end, order: k)
    },
    Lemma("buddyState.pairInsideTheStateWords", covers: ["wordIndex", "bitOffset", "wordsForBits"]) { p in
        // Position i of a bitmap of n positions, two bits each: both bits lie
        // in one word (the offset is even) among the wordsForBits(2n) words.
        let i = p.word("i"), n = p.word("n")
        p.assume(i < n && n <= (Word.allOnes &>> 1))
        let pair = i &<< 1
        let offset = Kernels.bitOffset(pair)
        return Kernels.wordIndex(pair) < Kernels.wordsForBits(n &<< 1)
            && offset &+ 1 < .width && (offset & 1) == 0
    },
    Lemma("buddyState.oddPairsStraddleWords", covers: ["bitOffset"], expect: .refuted) { p in
        // Pairs must start at even bits: at an odd bit the second bit of the
        // last pair of a word would fall into the next word.
        let j = p.word("j")
        return Kernels.bitOffset(j) &+ 1 < .width
    },
]
}
