// Why the run tree's summaries fit their narrow fields (`RunSummary`: 32-bit
// prefix, suffix and longest run, 16-bit leaf and word prefixes): each field
// of a node is at most the free units below it. A leaf word's fields are at
// most its set bits; a join's fields are at most the free units of its two
// children together. By induction every field is at most its region's units,
// which `bitmapMaxRegionUnits.fitsTheRunSummaryFields` bounds by 2^32 - 1
// (and a leaf's by 8 words of units, within 16 bits).
import Allocators
import AllocatorSpec

/// Bits in a word: the width the lemmas' constants are stated relative to.
private var width: Word { Word(integerLiteral: UInt64(Word.bitWidth)) }

/// The free units of a leaf word, its set bits, counted bit by bit.
private func freeUnits(_ x: Word) -> Word {
    (0 ..< Word.bitWidth).reduce(Word(integerLiteral: 0)) { sum, k in sum &+ ((x &>> Word(integerLiteral: UInt64(k))) & 1) }
}

/// 2^(width - 2): counts at most this add without wrapping.
private var countBound: Word { Word(integerLiteral: 1) &<< (width &- 2) }

let runSummaryLemmas: [Lemma] = [
    Lemma("freePrefix.atMostTheFreeUnits", covers: ["freePrefix", "freeSuffix"]) { p in
        let x = p.word("x")
        return Kernels.freePrefix(x) <= freeUnits(x) && Kernels.freeSuffix(x) <= freeUnits(x)
    },
    Lemma("longestFreeRun.atMostTheFreeUnits", covers: ["longestFreeRun"]) { p in
        let x = p.word("x")
        return Kernels.longestFreeRun(x) <= freeUnits(x)
    },
    Lemma("joinedEdge.atMostTheFreeUnitsOfBoth", covers: ["joinedEdge"]) { p in
        // `inner` of `innerFree` free units in `span`, `outer` of `outerFree`.
        let inner = p.word("inner"), outer = p.word("outer"), span = p.word("span")
        let innerFree = p.word("innerFree"), outerFree = p.word("outerFree")
        p.assume(span <= countBound && inner <= innerFree && innerFree <= span && outer <= outerFree && outerFree <= countBound)
        return Kernels.joinedEdge(inner, outer, span: span) <= innerFree &+ outerFree
    },
    Lemma("joinedEdge.alwaysExtendingExceedsTheFreeUnits", covers: ["joinedEdge"], expect: .refuted) { p in
        // Extending by the outer child although the inner one is not all free counts units that are taken.
        let inner = p.word("inner"), outer = p.word("outer"), span = p.word("span")
        let innerFree = p.word("innerFree"), outerFree = p.word("outerFree")
        p.assume(span <= countBound && inner <= innerFree && innerFree <= span && outer <= outerFree && outerFree <= countBound)
        return span &+ outer <= innerFree &+ outerFree
    },
    Lemma("joinedLongest.atMostTheFreeUnitsOfBoth", covers: ["joinedLongest"]) { p in
        // The low child's longest run and suffix within its free units, the high child's longest run and prefix within its own.
        let low = p.word("low"), high = p.word("high"), suffix = p.word("lowSuffix"), prefix = p.word("highPrefix")
        let lowFree = p.word("lowFree"), highFree = p.word("highFree")
        p.assume(lowFree <= countBound && highFree <= countBound && low <= lowFree && suffix <= lowFree
                 && high <= highFree && prefix <= highFree)
        return Kernels.joinedLongest(low, high, lowSuffix: suffix, highPrefix: prefix) <= lowFree &+ highFree
    },
]
