// The trusted primitives: the symbolic encodings of leading and trailing zero
// counts agree with their definitions (the concrete side is the CPU's).
import Allocators
import AllocatorSpec

func primitiveLemmas<let bits: Int>() -> [Lemma<bits>] { [
    Lemma("leadingZeros.highestSetBit", covers: []) { p in
        let x = p.word("x")
        p.assume(x != 0)
        let count = x.leadingZeros
        return count < .width && (x &>> (.width &- 1 &- count)) == 1
    },
    Lemma("leadingZeros.ofZero", covers: []) { p in
        let x = p.word("x")
        p.assume(x == 0)
        return x.leadingZeros == .width
    },
    Lemma("trailingZeros.lowestSetBit", covers: []) { p in
        let x = p.word("x"), j = p.word("j")
        p.assume(x != 0)
        let count = x.trailingZeros
        p.assume(j < count)
        return count < .width && bitIsSet(x, count) && !bitIsSet(x, j)
    },
    Lemma("trailingZeros.ofZero", covers: []) { p in
        let x = p.word("x")
        p.assume(x == 0)
        return x.trailingZeros == .width
    },
] }
