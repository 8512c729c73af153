import Allocators
import AllocatorSpec

func alignmentLemmas<let bits: Int>() -> [Lemma<bits>] { [
    Lemma("isPowerOfTwo.exactlyThePowers", covers: ["isPowerOfTwo"]) { p in
        let x = p.word("x")
        return Kernels.isPowerOfTwo(x).iff(isOneOfThePowersOfTwo(x))
    },
    Lemma("isPowerOfTwo.withoutZeroCheck", covers: ["isPowerOfTwo"], expect: .refuted) { p in
        // x & (x - 1) == 0 alone also accepts 0.
        let x = p.word("x")
        return ((x & (x &- 1)) == 0).iff(isOneOfThePowersOfTwo(x))
    },
    Lemma("isAligned.isDivisibility", covers: ["isAligned"]) { p in
        let x = p.word("x"), (a, e) = p.powerOfTwo("a")
        return Kernels.isAligned(x, to: a).iff(isMultiple(x, ofPowerWithExponent: e))
    },
    Lemma("isAligned.needsPowerOfTwo", covers: ["isAligned"], expect: .refuted) { p in
        let x = p.word("x"), a = p.word("a")
        p.assume(a != 0)
        return Kernels.isAligned(x, to: a).iff(isMultiple(x, of: a))
    },
    Lemma("alignDown.largestMultipleBelow", covers: ["alignDown"]) { p in
        let x = p.word("x"), (a, e) = p.powerOfTwo("a")
        let down = Kernels.alignDown(x, to: a)
        return down <= x && x &- down < a && isMultiple(down, ofPowerWithExponent: e)
    },
    Lemma("alignUp.smallestMultipleAbove", covers: ["alignUp", "alignUpOverflows"]) { p in
        let x = p.word("x"), (a, e) = p.powerOfTwo("a")
        let up = Kernels.alignUp(x, to: a)
        p.assume(!up.overflow)
        return up.value >= x && up.value &- x < a && isMultiple(up.value, ofPowerWithExponent: e)
    },
    Lemma("alignUp.overflowExactlyWhenNoMultipleFits", covers: ["alignUp", "alignUpOverflows"]) { p in
        // Overflow is reported exactly when every multiple of a is below x.
        let x = p.word("x"), (a, e) = p.powerOfTwo("a"), k = p.word("k")
        p.assume(isMultiple(k, ofPowerWithExponent: e))
        let up = Kernels.alignUp(x, to: a)
        return up.overflow.implies(k < x && up.value == 0)
    },
    Lemma("alignUpUnchecked.agreesWithGuardedForm", covers: ["alignUpUnchecked"]) { p in
        let x = p.word("x"), a = p.word("a")
        p.assumePowerOfTwo(a)
        p.assume(!Kernels.alignUpOverflows(x, to: a))
        return Kernels.alignUpUnchecked(x, to: a) == Kernels.alignUp(x, to: a).value
    },
    Lemma("alignUpUnchecked.wrapsNearTheTop", covers: ["alignUpUnchecked"], expect: .refuted) { p in
        // Without its guard, align-up wraps to 0 for x > max - (a - 1):
        // C TLSF #22, malloc(SIZE_MAX) returning a tiny block.
        let x = p.word("x"), a = p.word("a")
        p.assumePowerOfTwo(a)
        return Kernels.alignUpUnchecked(x, to: a) >= x
    },
] }
