// Why the run tree's summaries fit their narrow fields (`RunSummary`: 32-bit
// prefix, suffix and longest run, 16-bit leaf and word prefixes): each field
// of a node is at most the free units below it. A leaf word's fields are at
// most its set bits; a join's fields are at most the free units of its two
// children together. By induction every field is at most its region's units,
// which `bitmapMaxRegionUnits.fitsTheRunSummaryFields` bounds by 2^32 - 1
// (and a leaf's by 8 words of units, within 16 bits). At 32 bits the
// 32-bit fields are the word itself, so only the 16-bit ones narrow.
import Allocators
import AllocatorSpec

/// The free units of a leaf word, its set bits, counted bit by bit.
private func freeUnits<let bits: Int>(_ x: SymbolicWord<bits>) -> SymbolicWord<bits> {
    (0 ..< bits).reduce(SymbolicWord<bits>(integerLiteral: 0)) { sum, k in sum &+ ((x &>> .constant(k)) & 1) }
}

/// 2^(width - 2): counts at most this add without wrapping.
private func countBound<let bits: Int>() -> SymbolicWord<bits> { .power(bits - 2) }

func runSummaryLemmas<let bits: Int>() -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return [
    Lemma("freePrefix.atMostTheFreeUnits", covers: ["freePrefix", "freeSuffix"]) { p in
        let x = p.word("x")
        return Kernels.freePrefix(x) <= freeUnits(x) && Kernels.freeSuffix(x) <= freeUnits(x)
    },
    Lemma("longestFreeRun.atMostTheFreeUnits", covers: ["longestFreeRun"]) { p in
        let x = p.word("x")
        return Kernels.longestFreeRun(x) <= freeUnits(x)
    },
    Lemma("longestFreeRun.reachesTheFreeUnits", covers: ["longestFreeRun"], expect: .refuted) { p in
        // The bound is tight, so a count of free units one short would be
        // exceeded: a word whose free units form one run reaches it.
        let x = p.word("x")
        p.assume(x != 0)
        return Kernels.longestFreeRun(x) < freeUnits(x)
    },
    Lemma("joinedEdge.atMostTheFreeUnitsOfBoth", covers: ["joinedEdge"]) { p in
        // `inner` of `innerFree` free units in `span`, `outer` of `outerFree`.
        let inner = p.word("inner"), outer = p.word("outer"), span = p.word("span")
        let innerFree = p.word("innerFree"), outerFree = p.word("outerFree")
        p.assume(span <= countBound() && inner <= innerFree && innerFree <= span && outer <= outerFree && outerFree <= countBound())
        return Kernels.joinedEdge(inner, outer, span: span) <= innerFree &+ outerFree
    },
    Lemma("joinedEdge.alwaysExtendingExceedsTheFreeUnits", covers: ["joinedEdge"], expect: .refuted) { p in
        // Extending by the outer child although the inner one is not all free counts units that are taken.
        let inner = p.word("inner"), outer = p.word("outer"), span = p.word("span")
        let innerFree = p.word("innerFree"), outerFree = p.word("outerFree")
        p.assume(span <= countBound() && inner <= innerFree && innerFree <= span && outer <= outerFree && outerFree <= countBound())
        return span &+ outer <= innerFree &+ outerFree
    },
    Lemma("joinedLongest.atMostTheFreeUnitsOfBoth", covers: ["joinedLongest"]) { p in
        // The low child's longest run and suffix within its free units, the high child's longest run and prefix within its own.
        let low = p.word("low"), high = p.word("high"), suffix = p.word("lowSuffix"), prefix = p.word("highPrefix")
        let lowFree = p.word("lowFree"), highFree = p.word("highFree")
        p.assume(lowFree <= countBound() && highFree <= countBound() && low <= lowFree && suffix <= lowFree
                 && high <= highFree && prefix <= highFree)
        return Kernels.joinedLongest(low, high, lowSuffix: suffix, highPrefix: prefix) <= lowFree &+ highFree
    },
    Lemma("joinedLongest.withoutTheFreeUnitsBound", covers: ["joinedLongest"], expect: .refuted) { p in
        // The bound needs each field within its own child's free units: a
        // suffix of the low child above them joins into a run of taken units.
        let low = p.word("low"), high = p.word("high"), suffix = p.word("lowSuffix"), prefix = p.word("highPrefix")
        let lowFree = p.word("lowFree"), highFree = p.word("highFree")
        p.assume(lowFree <= countBound() && highFree <= countBound() && suffix <= countBound() && low <= lowFree
                 && high <= highFree && prefix <= highFree)
        return Kernels.joinedLongest(low, high, lowSuffix: suffix, highPrefix: prefix) <= lowFree &+ highFree
    },
    ]
}
