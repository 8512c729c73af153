import Allocators
import AllocatorSpec

// Specifications stated bit by bit over the 64 constant positions, so they
// share no formula with the kernels they check.

/// Bits `from ..< from + count` of `x` are all set and lie inside the word.
func runIsSet(_ x: Word, from: Word, count: Word) -> SymbolicCondition {
    from <= 64 && count <= 64 &- from && SymbolicCondition.all((0 ..< 64).map { k in
        let position = Word(integerLiteral: UInt64(k))
        return (from <= position && position < from &+ count).implies(bitIsSet(x, position))
    })
}

/// Bits `0 ..< count` of `x` are all set (`count <= 64`).
func prefixIsSet(_ x: Word, count: Word) -> SymbolicCondition { runIsSet(x, from: 0, count: count) }

extension ProofScope {
    /// A run length in `1 ... 64`.
    fileprivate func runLength(_ name: String) -> Word {
        let n = word(name)
        assume(n >= 1 && n <= 64)
        return n
    }
}

let bitmapLemmas: [Lemma] = [
    Lemma("wordIndex.bitOffset.splitTheIndex", covers: ["wordIndex", "bitOffset"]) { p in
        let i = p.word("i")
        return Kernels.bitOffset(i) < 64 && Kernels.wordIndex(i) &* 64 &+ Kernels.bitOffset(i) == i
            && Kernels.wordIndex(i) <= Word.quotient(Word(integerLiteral: UInt64.max), 64)
    },
    Lemma("rangeMask.exactlyTheRange", covers: ["rangeMask"]) { p in
        let offset = p.word("offset"), count = p.word("count"), j = p.word("j")
        p.assume(offset < 64 && count <= 64 &- offset && j < 64)
        return bitIsSet(Kernels.rangeMask(offset, count), j).iff(offset <= j && j < offset &+ count)
    },
    Lemma("rangeMask.offsetOfTheWidth", covers: ["rangeMask"], expect: .refuted) { p in
        // An offset equal to the width (a range starting in the next word) shifts by 64.
        let offset = p.word("offset"), count = p.word("count")
        p.assume(offset <= 64 && count <= 64 &- offset)
        return Kernels.rangeMask(offset, count) == Kernels.rangeMask(offset, count)
    },
    Lemma("alignedPositions.exactlyTheMultiples", covers: ["alignedPositions"]) { p in
        let (a, e) = p.powerOfTwo("a"), j = p.word("j")
        p.assume(j < 64)
        return bitIsSet(Kernels.alignedPositions(a), j).iff(isMultiple(j, ofPowerWithExponent: e))
    },
    Lemma("runStarts.exactlyTheRunsInTheWord", covers: ["runStarts"]) { p in
        // The run stated as a field: the n bits from j, shifted down, all ones.
        let free = p.word("free"), n = p.runLength("n"), j = p.word("j")
        p.assume(j < 64)
        let ones = Word(integerLiteral: .max) &>> (64 &- n)
        return bitIsSet(Kernels.runStarts(free, n), j).iff(n <= 64 &- j && ((free &>> j) & ones) == ones)
    },
    Lemma("runStarts.uncappedDoublingOvershoots", covers: ["runStarts"], expect: .refuted) { p in
        // Doubling without capping the last step at the remaining length
        // finds runs of the next power of two, missing shorter fits.
        let free = p.word("free"), n = p.runLength("n"), j = p.word("j")
        p.assume(j < 64)
        var m = free, covered: Word = 1
        for _ in 0 ..< 6 {
            let step = select(covered < n, covered, 0)
            m = m & (m &>> step)
            covered = covered &+ step
        }
        let ones = Word(integerLiteral: .max) &>> (64 &- n)
        return bitIsSet(m, j).iff(n <= 64 &- j && ((free &>> j) & ones) == ones)
    },
    Lemma("lowestAlignedBit.isAnAlignedMark", covers: ["lowestAlignedBit"]) { p in
        let marks = p.word("marks"), (a, e) = p.powerOfTwo("a")
        let r = Kernels.lowestAlignedBit(marks, alignment: a)
        p.assume(r < 64)
        return isMultiple(r, ofPowerWithExponent: e) && bitIsSet(marks, r)
    },
    Lemma("lowestAlignedBit.noAlignedMarkBelow", covers: ["lowestAlignedBit"]) { p in
        let marks = p.word("marks"), (a, e) = p.powerOfTwo("a"), j = p.word("j")
        let r = Kernels.lowestAlignedBit(marks, alignment: a)
        p.assume(j < r && j < 64 && isMultiple(j, ofPowerWithExponent: e))
        return r <= 64 && !bitIsSet(marks, j)
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
        p.assume(r < 64)
        return isMultiple(r, ofPowerWithExponent: e) && r == Kernels.firstAlignedRun(free, count: n, alignment: a)
    },
]
