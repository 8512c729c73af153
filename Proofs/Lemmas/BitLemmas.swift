import Allocators
import AllocatorSpec

let bitLemmas: [Lemma] = [
    Lemma("bit.onlyThatBit", covers: ["bit"]) { p in
        let i = p.word("i"), j = p.word("j")
        p.assume(i < 64 && j < 64)
        return bitIsSet(Kernels.bit(i), j).iff(i == j)
    },
    Lemma("bit.indexOutOfRange", covers: ["bit"], expect: .refuted) { p in
        // Without `i < 64` the shift amount can reach the width (C TLSF deff9ab).
        let i = p.word("i")
        return Kernels.bit(i) != 0
    },
    Lemma("lowMask.exactlyTheLowBits", covers: ["lowMask"]) { p in
        let n = p.word("n"), j = p.word("j")
        p.assume(n <= 64 && j < 64)
        return bitIsSet(Kernels.lowMask(n), j).iff(j < n)
    },
    Lemma("lowMask.unguardedShiftsByTheWidth", covers: ["lowMask"], expect: .refuted) { p in
        // (1 << n) - 1 without the full-width case shifts by 64 for n == 64.
        let n = p.word("n")
        p.assume(n <= 64)
        return ((1 &<< n) &- 1) == Kernels.lowMask(n)
    },
    Lemma("findFirstSet.lowestSetBit", covers: ["findFirstSet"]) { p in
        let x = p.word("x"), j = p.word("j")
        p.assume(x != 0)
        let first = Kernels.findFirstSet(x)
        p.assume(j < first)
        return first < 64 && bitIsSet(x, first) && !bitIsSet(x, j)
    },
    Lemma("findFirstSet.ofZeroIsTheWidth", covers: ["findFirstSet"]) { p in
        Kernels.findFirstSet(p.word("x") & 0) == 64
    },
    Lemma("findFirstSetAtOrAbove.skipsOnlyClearBits", covers: ["findFirstSetAtOrAbove"]) { p in
        // For every index, 64 and above included: no shift leaves the word.
        let x = p.word("x"), i = p.word("i"), j = p.word("j")
        let first = Kernels.findFirstSetAtOrAbove(x, i)
        p.assume(i <= j && j < first && j < 64)
        return first <= 64 && !bitIsSet(x, j)
    },
    Lemma("findFirstSetAtOrAbove.findsASetBitFromIndex", covers: ["findFirstSetAtOrAbove"]) { p in
        let x = p.word("x"), i = p.word("i")
        let first = Kernels.findFirstSetAtOrAbove(x, i)
        p.assume(first < 64)
        return first >= i && bitIsSet(x, first)
    },
    Lemma("findFirstSetAtOrAbove.naiveMaskShiftsByTheWidth", covers: ["findFirstSetAtOrAbove"], expect: .refuted) { p in
        // Masking with ~((1 << i) - 1) shifts out of range for i >= 64.
        let x = p.word("x"), i = p.word("i")
        return (x & ~((1 &<< i) &- 1)).trailingZeros == Kernels.findFirstSetAtOrAbove(x, i)
    },
    Lemma("floorLog2.highestSetBit", covers: ["floorLog2"]) { p in
        let x = p.word("x")
        p.assume(x != 0)
        let log = Kernels.floorLog2(x)
        return log < 64 && (x &>> log) == 1
    },
    Lemma("ceilLog2.smallestCoveringPower", covers: ["ceilLog2"]) { p in
        let x = p.word("x")
        p.assume(x >= 2 && x <= topBit)
        let log = Kernels.ceilLog2(x)
        return log >= 1 && log < 64 && x <= (1 &<< log) && (1 &<< (log &- 1)) < x
    },
    Lemma("ceilLog2.ofZeroAndOneIsZero", covers: ["ceilLog2"]) { p in
        let x = p.word("x")
        p.assume(x <= 1)
        return Kernels.ceilLog2(x) == 0
    },
    Lemma("ceilLog2.aboveTheTopBitIsTheWidth", covers: ["ceilLog2"]) { p in
        let x = p.word("x")
        p.assume(x > topBit)
        return Kernels.ceilLog2(x) == 64
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
