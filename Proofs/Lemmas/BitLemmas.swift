import Allocators
import AllocatorSpec

func bitLemmas<let bits: Int>() -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    return [
    Lemma("bit.onlyThatBit", covers: ["bit"]) { p in
        let i = p.word("i"), j = p.word("j")
        p.assume(i < .width && j < .width)
        return bitIsSet(Kernels.bit(i), j).iff(i == j)
    },
    Lemma("bit.indexOutOfRange", covers: ["bit"], expect: .refuted) { p in
        // Without `i < width` the shift amount reaches the width (C TLSF
        // deff9ab); Swift masks it, so the bit set is not bit i: 1 &<< width
        // is bit 0.
        let i = p.word("i")
        return Kernels.findFirstSet(Word.maskingShiftLeft(1, i)) == i
    },
    Lemma("lowMask.exactlyTheLowBits", covers: ["lowMask"]) { p in
        let n = p.word("n"), j = p.word("j")
        p.assume(n <= .width && j < .width)
        return bitIsSet(Kernels.lowMask(n), j).iff(j < n)
    },
    Lemma("lowMask.unguardedShiftsByTheWidth", covers: ["lowMask"], expect: .refuted) { p in
        // (1 << n) - 1 without the full-width case: for n == width Swift's
        // masked shift gives 1 - 1 == 0, not all ones.
        let n = p.word("n")
        p.assume(n <= .width)
        return (Word.maskingShiftLeft(1, n) &- 1) == Kernels.lowMask(n)
    },
    Lemma("findFirstSet.lowestSetBit", covers: ["findFirstSet"]) { p in
        let x = p.word("x"), j = p.word("j")
        p.assume(x != 0)
        let first = Kernels.findFirstSet(x)
        p.assume(j < first)
        return first < .width && bitIsSet(x, first) && !bitIsSet(x, j)
    },
    Lemma("findFirstSet.ofZeroIsTheWidth", covers: ["findFirstSet"]) { p in
        Kernels.findFirstSet(p.word("x") & 0) == .width
    },
    Lemma("findFirstSetAtOrAbove.skipsOnlyClearBits", covers: ["findFirstSetAtOrAbove"]) { p in
        // For every index, the width and above included: no shift leaves the word.
        let x = p.word("x"), i = p.word("i"), j = p.word("j")
        let first = Kernels.findFirstSetAtOrAbove(x, i)
        p.assume(i <= j && j < first && j < .width)
        return first <= .width && !bitIsSet(x, j)
    },
    Lemma("findFirstSetAtOrAbove.findsASetBitFromIndex", covers: ["findFirstSetAtOrAbove"]) { p in
        let x = p.word("x"), i = p.word("i")
        let first = Kernels.findFirstSetAtOrAbove(x, i)
        p.assume(first < .width)
        return first >= i && bitIsSet(x, first)
    },
    Lemma("findFirstSetAtOrAbove.naiveMaskShiftsByTheWidth", covers: ["findFirstSetAtOrAbove"], expect: .refuted) { p in
        // Masking with ~((1 << i) - 1): for i == width Swift's masked shift
        // keeps every bit, so a set bit below i is found.
        let x = p.word("x"), i = p.word("i")
        return (x & ~(Word.maskingShiftLeft(1, i) &- 1)).trailingZeros == Kernels.findFirstSetAtOrAbove(x, i)
    },
    Lemma("floorLog2.highestSetBit", covers: ["floorLog2"]) { p in
        let x = p.word("x")
        p.assume(x != 0)
        let log = Kernels.floorLog2(x)
        return log < .width && (x &>> log) == 1
    },
    Lemma("ceilLog2.smallestCoveringPower", covers: ["ceilLog2"]) { p in
        let x = p.word("x")
        p.assume(x >= 2 && x <= .topBit)
        let log = Kernels.ceilLog2(x)
        return log >= 1 && log < .width && x <= (1 &<< log) && (1 &<< (log &- 1)) < x
    },
    Lemma("ceilLog2.ofZeroAndOneIsZero", covers: ["ceilLog2"]) { p in
        let x = p.word("x")
        p.assume(x <= 1)
        return Kernels.ceilLog2(x) == 0
    },
    Lemma("ceilLog2.aboveTheTopBitIsTheWidth", covers: ["ceilLog2"]) { p in
        let x = p.word("x")
        p.assume(x > .topBit)
        return Kernels.ceilLog2(x) == .width
    },
    Lemma("nextPowerOfTwo.smallestPowerAbove", covers: ["nextPowerOfTwo", "nextPowerOfTwoOverflows"]) { p in
        let x = p.word("x"), k = p.word("k")
        let next = Kernels.nextPowerOfTwo(x)
        p.assume(!next.overflow && isOneOfThePowersOfTwo(k) && k >= x)
        return isOneOfThePowersOfTwo(next.value) && next.value >= x && next.value <= k
    },
    Lemma("nextPowerOfTwo.overflowExactlyWhenNoPowerFits", covers: ["nextPowerOfTwo", "nextPowerOfTwoOverflows"]) { p in
        let x = p.word("x"), k = p.word("k")
        let next = Kernels.nextPowerOfTwo(x)
        p.assume(next.overflow && isOneOfThePowersOfTwo(k))
        return k < x && next.value == 0
    },
    ]
}
