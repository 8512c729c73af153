import Allocators
import AllocatorSpec

// The run tree's summaries. Leaf summaries are stated bit by bit against one
// word; the joins against two words side by side (a parent of two leaves),
// and in general as bounds on the lengths they combine.

/// 2^(bits - 2): lengths at most this add without wrapping.
private func lengthBound<let bits: Int>() -> SymbolicWord<bits> { .power(bits - 2) }

func runTreeLemmas<let bits: Int>() -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return [
    Lemma("freePrefix.exactlyTheLowFreeRun", covers: ["freePrefix"]) { p in
        let x = p.word("x")
        let r = Kernels.freePrefix(x)
        return r <= .width && prefixIsSet(x, count: r) && (r == .width || !bitIsSet(x, select(r < .width, r, 0)))
    },
    Lemma("freeSuffix.exactlyTheHighFreeRun", covers: ["freeSuffix"]) { p in
        let x = p.word("x")
        let s = Kernels.freeSuffix(x)
        return s <= .width && runIsSet(x, from: .width &- s, count: s)
            && (s == .width || !bitIsSet(x, select(s < .width, .width &- 1 &- s, 0)))
    },
    Lemma("longestFreeRun.someRunIsThatLong", covers: ["longestFreeRun"]) { p in
        // Through `runStarts`, proved exact: some run of the length starts in the word.
        let x = p.word("x")
        let r = Kernels.longestFreeRun(x)
        return r <= .width && (r == 0 || Kernels.runStarts(x, select(r == 0, 1, r)) != 0)
    },
    Lemma("longestFreeRun.noRunIsLonger", covers: ["longestFreeRun"]) { p in
        let x = p.word("x"), j = p.word("j")
        p.assume(j < .width)
        let r = Kernels.longestFreeRun(x)
        p.assume(r < .width)
        return !fieldIsSet(x, from: j, count: r &+ 1)
    },
    Lemma("longestFreeRun.liftingAloneMissesTheFullWord", covers: ["longestFreeRun"], expect: .refuted) { p in
        // Without answering the all-ones word apart, the lifted lengths stop at width - 1.
        let x = p.word("x"), j = p.word("j")
        p.assume(j < .width)
        var length: Word = 0, starts = Word.allOnes
        for k in (0 ..< bits.trailingZeroBitCount).reversed() {
            var runs = x, covered: Word = 1
            for _ in 0 ..< k { runs = runs & (runs &>> covered); covered = covered &+ covered }
            let longer = starts & (runs &>> length)
            starts = select(longer != 0, longer, starts)
            length = select(longer != 0, length &+ covered, length)
        }
        p.assume(length < .width)
        return !fieldIsSet(x, from: j, count: length &+ 1)
    },
    Lemma("joinedEdge.isThePrefixOfTwoWords", covers: ["joinedEdge", "freePrefix"]) { p in
        // A parent of two leaf words: its prefix runs through `low` into `high`.
        let low = p.word("low"), high = p.word("high")
        let e = Kernels.joinedEdge(Kernels.freePrefix(low), Kernels.freePrefix(high), span: .width)
        let inLow = select(e < .width, e, .width), inHigh = select(e < .width, 0, e &- .width)
        let stops = select(e < .width, ((low &>> inLow) & 1), ((high &>> select(inHigh < .width, inHigh, 0)) & 1)) == 0
        let both: Word = .width &+ .width
        return e <= both && prefixIsSet(low, count: inLow) && prefixIsSet(high, count: inHigh) && (e == both || stops)
    },
    Lemma("joinedEdge.boundedByTheParentSpan", covers: ["joinedEdge"]) { p in
        // Children of any sizes: `span` units inside, `outerSpan` outside.
        let inner = p.word("inner"), outer = p.word("outer"), span = p.word("span"), outerSpan = p.word("outerSpan")
        p.assume(span <= lengthBound() && outerSpan <= lengthBound() && inner <= span && outer <= outerSpan)
        let e = Kernels.joinedEdge(inner, outer, span: span)
        return inner <= e && e <= span &+ outerSpan && (e == span &+ outerSpan).iff(inner == span && outer == outerSpan)
    },
    Lemma("joinedEdge.alwaysExtendingOvercounts", covers: ["joinedEdge"], expect: .refuted) { p in
        // Extending by the outer child even when the inner one is not all free.
        let low = p.word("low"), high = p.word("high")
        let e = .width &+ Kernels.freePrefix(high)
        return e == Kernels.joinedEdge(Kernels.freePrefix(low), Kernels.freePrefix(high), span: .width)
    },
    Lemma("joinedLongest.isTheLongestOfTheThree", covers: ["joinedLongest"]) { p in
        let low = p.word("low"), high = p.word("high"), s = p.word("lowSuffix"), pre = p.word("highPrefix")
        p.assume(low <= lengthBound() && high <= lengthBound() && s <= lengthBound() && pre <= lengthBound())
        let m = Kernels.joinedLongest(low, high, lowSuffix: s, highPrefix: pre)
        return low <= m && high <= m && s &+ pre <= m && (m == low || m == high || m == s &+ pre)
    },
    Lemma("joinedLongest.ignoringTheRunAcrossMissesIt", covers: ["joinedLongest"], expect: .refuted) { p in
        // The longer child alone misses a run across the boundary.
        let low = p.word("low"), high = p.word("high"), s = p.word("lowSuffix"), pre = p.word("highPrefix")
        p.assume(low <= .width && high <= .width && s <= low && pre <= high)
        return s &+ pre <= select(low < high, high, low)
    },
    Lemma("larger.isTheLargerOfTheTwo", covers: ["larger"]) { p in
        let a = p.word("a"), b = p.word("b")
        let m = Kernels.larger(a, b)
        return a <= m && b <= m && (m == a || m == b)
    },
    Lemma("alignedFit.isAnAlignedRunInTheRange", covers: ["alignedFit"]) { p in
        let low = p.word("low"), high = p.word("high"), n = p.word("n"), (a, e) = p.powerOfTwo("a")
        let fit = Kernels.alignedFit(low, high, count: n, alignment: a)
        p.assume(fit.fits)
        return isMultiple(fit.start, ofPowerWithExponent: e) && low <= fit.start && fit.start <= high && n <= high &- fit.start
    },
    Lemma("alignedFit.noAlignedFitIsMissedOrLower", covers: ["alignedFit"]) { p in
        // Any aligned start in the range that fits: the fit is found, at or below it.
        let low = p.word("low"), high = p.word("high"), n = p.word("n"), (a, e) = p.powerOfTwo("a"), j = p.word("j")
        p.assume(isMultiple(j, ofPowerWithExponent: e) && low <= j && j <= high && n <= high &- j)
        let fit = Kernels.alignedFit(low, high, count: n, alignment: a)
        return fit.fits && fit.start <= j
    },
    Lemma("alignedFit.uncheckedRoundingWraps", covers: ["alignedFit"], expect: .refuted) { p in
        // Rounding up without the overflow guard wraps to 0, below `low`.
        let low = p.word("low"), high = p.word("high"), n = p.word("n"), (a, _) = p.powerOfTwo("a")
        let start = Kernels.alignUpUnchecked(low, to: a)
        p.assume(start <= high && n <= high &- start)
        return low <= start
    },
    ]
}
