import Allocators
import AllocatorSpec

// Specifications stated bit by bit over the width's constant positions, so
// they share no formula with the kernels they check.

/// Bits `from ..< from + count` of `x` are all set and lie inside the word.
func runIsSet<let bits: Int>(_ x: SymbolicWord<bits>, from: SymbolicWord<bits>, count: SymbolicWord<bits>) -> SymbolicCondition {
    from <= .width && count <= .width &- from && SymbolicCondition.all((0 ..< bits).map { k in
        let position = SymbolicWord<bits>.constant(k)
        return (from <= position && position < from &+ count).implies(bitIsSet(x, position))
    })
}

/// Bits `0 ..< count` of `x` are all set (`count <= bits`).
func prefixIsSet<let bits: Int>(_ x: SymbolicWord<bits>, count: SymbolicWord<bits>) -> SymbolicCondition {
    runIsSet(x, from: 0, count: count)
}

/// The `n` bits of `x` from `j` are all set and lie inside the word
/// (`1 <= n <= bits`), stated as a field: shifted down, all ones.
func fieldIsSet<let bits: Int>(_ x: SymbolicWord<bits>, from j: SymbolicWord<bits>, count n: SymbolicWord<bits>) -> SymbolicCondition {
    let ones = SymbolicWord<bits>.allOnes &>> (.width &- n)
    return n <= .width &- j && ((x &>> j) & ones) == ones
}

extension ProofScope {
    /// A run length in `1 ... bits`.
    fileprivate func runLength(_ name: String) -> SymbolicWord<bits> {
        let n = word(name)
        assume(n >= 1 && n <= .width)
        return n
    }
}

func bitmapLemmas<let bits: Int>() -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return [
    Lemma("wordIndex.bitOffset.splitTheIndex", covers: ["wordIndex", "bitOffset"]) { p in
        let i = p.word("i")
        return Kernels.bitOffset(i) < .width && Kernels.wordIndex(i) &* .width &+ Kernels.bitOffset(i) == i
            && Kernels.wordIndex(i) <= Word.quotient(.allOnes, .width)
    },
    Lemma("rangeMask.exactlyTheRange", covers: ["rangeMask"]) { p in
        let offset = p.word("offset"), count = p.word("count"), j = p.word("j")
        p.assume(offset < .width && count <= .width &- offset && j < .width)
        return bitIsSet(Kernels.rangeMask(offset, count), j).iff(offset <= j && j < offset &+ count)
    },
    Lemma("rangeMask.pastTheWordEndLosesBits", covers: ["rangeMask"], expect: .refuted) { p in
        // The precondition offset + count <= width matters: a range running
        // past the word's end (a run continuing in the next word) loses the
        // bits beyond it, so the mask no longer holds `count` bits.
        let offset = p.word("offset"), count = p.word("count")
        p.assume(offset < .width && count <= .width)
        return (Kernels.rangeMask(offset, count) &>> offset) == Kernels.lowMask(count)
    },
    Lemma("alignedPositions.exactlyTheMultiples", covers: ["alignedPositions"]) { p in
        let (a, e) = p.powerOfTwo("a"), j = p.word("j")
        p.assume(j < .width)
        return bitIsSet(Kernels.alignedPositions(a), j).iff(isMultiple(j, ofPowerWithExponent: e))
    },
    Lemma("runStarts.exactlyTheRunsInTheWord", covers: ["runStarts"]) { p in
        let free = p.word("free"), n = p.runLength("n"), j = p.word("j")
        p.assume(j < .width)
        return bitIsSet(Kernels.runStarts(free, n), j).iff(fieldIsSet(free, from: j, count: n))
    },
    Lemma("runStarts.uncappedDoublingOvershoots", covers: ["runStarts"], expect: .refuted) { p in
        // Doubling without capping the last step at the remaining length
        // finds runs of the next power of two, missing shorter fits.
        let free = p.word("free"), n = p.runLength("n"), j = p.word("j")
        p.assume(j < .width)
        var m = free, covered: Word = 1
        for _ in 0 ..< bits.trailingZeroBitCount {
            let step = select(covered < n, covered, 0)
            m = m & (m &>> step)
            covered = covered &+ step
        }
        return bitIsSet(m, j).iff(fieldIsSet(free, from: j, count: n))
    },
    Lemma("lowestAlignedBit.isAnAlignedMark", covers: ["lowestAlignedBit"]) { p in
        let marks = p.word("marks"), (a, e) = p.powerOfTwo("a")
        let r = Kernels.lowestAlignedBit(marks, alignment: a)
        p.assume(r < .width)
        return isMultiple(r, ofPowerWithExponent: e) && bitIsSet(marks, r)
    },
    Lemma("lowestAlignedBit.noAlignedMarkBelow", covers: ["lowestAlignedBit"]) { p in
        let marks = p.word("marks"), (a, e) = p.powerOfTwo("a"), j = p.word("j")
        let r = Kernels.lowestAlignedBit(marks, alignment: a)
        p.assume(j < r && j < .width && isMultiple(j, ofPowerWithExponent: e))
        return r <= .width && !bitIsSet(marks, j)
    },
    // The word-level search, correct and complete for every word, run length
    // and alignment, in two steps: `runStarts` marks exactly the starts of
    // free runs inside the word (above), `lowestAlignedBit` picks exactly the
    // lowest aligned mark (above), and `firstAlignedRun` is that composition.
    Lemma("firstAlignedRun.isTheLowestAlignedRunStart", covers: ["firstAlignedRun"]) { p in
        let free = p.word("free"), n = p.runLength("n"), a = p.word("a")
        p.assumePowerOfTwo(a)
        return Kernels.firstAlignedRun(free, count: n, alignment: a)
            == Kernels.lowestAlignedBit(Kernels.runStarts(free, n), alignment: a)
    },
    Lemma("firstAlignedRun.ignoringTheAlignment", covers: ["firstAlignedRun"], expect: .refuted) { p in
        // The bug of a peer's alloc_pages(1, align): the lowest free run, aligned or not.
        let free = p.word("free"), n = p.runLength("n"), (a, e) = p.powerOfTwo("a")
        let r = Kernels.runStarts(free, n).trailingZeros
        p.assume(r < .width)
        return isMultiple(r, ofPowerWithExponent: e) && r == Kernels.firstAlignedRun(free, count: n, alignment: a)
    },
    ]
}
